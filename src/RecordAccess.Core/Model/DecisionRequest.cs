namespace RecordAccess.Core.Model;

/// <summary>Everything needed to decide the entries of one patient's record at one evaluation date.</summary>
public sealed record DecisionRequest
{
    /// <summary>The UK calendar date (Europe/London) of the moment of evaluation.</summary>
    public InputDate EvaluationDate { get; init; }

    /// <summary>The national pause switch: when on, everything is withheld.</summary>
    public bool NationalPause { get; init; }

    /// <summary>The practice, or null when the practice is unknown (rule 0).</summary>
    public PracticeFacts? Practice { get; init; }

    /// <summary>The patient, or null when unknown (rule 0).</summary>
    public PatientFacts? Patient { get; init; }

    /// <summary>The entries to decide, in request order.</summary>
    public IReadOnlyList<EntryFacts> Entries { get; init; } = [];

    /// <summary>
    /// The rule set to decide with: <see cref="RuleSetVersion.V2025_1"/> unless a staged rollout asks for the previous
    /// one. Every decision carries its version.
    /// </summary>
    public RuleSetVersion RuleSet { get; init; } = RuleSetVersion.V2025_1;
}
