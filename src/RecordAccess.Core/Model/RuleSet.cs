namespace RecordAccess.Core.Model;

/// <summary>Constants of the rule table (the repository keeps its copy in <c>docs/rule-table.md</c>).</summary>
public static class RuleSet
{
    /// <summary>
    /// The version of the rule table this engine implements. Changes whenever any rule, tie-break or
    /// invalid-input case changes, so that every recorded decision can be reproduced.
    /// </summary>
    public const string Version = "2024.1";

    /// <summary>
    /// The rule-set version when the staged rule for hazard H12 is in force: codes and individual grants
    /// effective after the evaluation date are ignored (see <see cref="Engine.FutureDatedFacts"/>).
    /// </summary>
    public const string FutureDatedCodesWaitVersion = Version + "+future-dated-codes-wait";

    /// <summary>The age from which prospective access applies.</summary>
    public const int MinimumAge = 16;

    /// <summary>Sensitivity labels that withhold an entry until a clinician releases it (exact, case-sensitive).</summary>
    public static IReadOnlyList<string> SensitiveLabels { get; } = ["R", "V", "NOPAT", "SDV"];

    /// <summary>True when <paramref name="label"/> is one of <see cref="SensitiveLabels"/>, compared exactly.</summary>
    /// <param name="label">A label as sent by the GP system.</param>
    public static bool IsSensitiveLabel(string? label) => label switch
    {
        "R" or "V" or "NOPAT" or "SDV" => true,
        _ => false,
    };
}
