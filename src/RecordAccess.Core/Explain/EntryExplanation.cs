using RecordAccess.Core.Engine;
using RecordAccess.Core.Model;

namespace RecordAccess.Core.Explain;

/// <summary>Why one entry of a request is decided as it is: every rule in order, and the ancestors behind a <see cref="ReasonCode.ParentWithheld"/>.</summary>
/// <param name="Decision">The entry's decision; the same <see cref="DecisionEngine.Evaluate(DecisionRequest)"/> gives it.</param>
/// <param name="Checks">Rules 0–12 in order, each with whether it applies; the first that applies decides.</param>
/// <param name="WithheldAncestors">
/// For <see cref="ReasonCode.ParentWithheld"/>: the ancestors from the parent upwards to the first one withheld by
/// its own rules (0–11), each with its decision (those below it are <see cref="ReasonCode.ParentWithheld"/>).
/// Filled whenever rule 12 applies, even when an earlier rule decides; otherwise empty.
/// </param>
/// <param name="Problem">Why the request as a whole cannot be trusted (rule 0, naming the field), or null.</param>
public sealed record EntryExplanation(
    Decision Decision,
    IReadOnlyList<RuleCheck> Checks,
    IReadOnlyList<Decision> WithheldAncestors,
    InputProblem? Problem)
{
    /// <summary>The rule that decides (the first that applies), or null when the entry is visible.</summary>
    public RuleCheck? DecidingCheck => Checks.FirstOrDefault(c => c.Applies);
}
