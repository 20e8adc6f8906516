namespace RecordAccess.Core.Model;

/// <summary>Constants of the rule table (the repository keeps its copy in <c>docs/rule-table.md</c>).</summary>
public static class RuleSet
{
    /// <summary>
    /// The version of the rule table this engine implements. Changes whenever any rule, tie-break or
    /// invalid-input case changes, so that every recorded decision can be reproduced.
    /// </summary>
    public const string Version = "2025.1";

    /// <summary>The previous rule-set version, still available for the staged rollout (<see cref="RuleSetVersion.V2024_1"/>).</summary>
    public const string PreviousVersion = "2024.1";

    /// <summary>The version string of <paramref name="ruleSet"/>, as decisions and the audit carry it.</summary>
    /// <param name="ruleSet">A rule set.</param>
    public static string VersionOf(RuleSetVersion ruleSet) => ruleSet == RuleSetVersion.V2024_1 ? PreviousVersion : Version;

    /// <summary>
    /// True when an entry recording <paramref name="code"/> is withheld by rule 11a: one of the three online-access
    /// codes (103, 104, 106), compared exactly on the concept id.
    /// </summary>
    /// <param name="code">An entry's code as sent, or null.</param>
    public static bool IsAccessControlCode(string? code) => code switch
    {
        "1364731000000104" or "1364751000000106" or "1290331000000103" => true,
        _ => false,
    };

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
