namespace RecordAccess.Core.Policy;

/// <summary>
/// The rollout switches that shape one decision, resolved at the edge (Core knows no feature-flag library).
/// The national pause and a supplier for whom the gate is not enabled travel as the request's
/// <see cref="Model.DecisionRequest.NationalPause"/>; this carries the rest and the snapshot the audit records.
/// </summary>
/// <param name="FutureDatedCodesWait">The staged rule for hazard H12 (<see cref="Engine.FutureDatedFacts"/>).</param>
/// <param name="Snapshot">Every switch as resolved, recorded with the decision's audit (e.g. <c>NationalPause=off;Gate=on;FutureDatedCodesWait=shadow</c>).</param>
public sealed record GateFlags(StagedRuleMode FutureDatedCodesWait, string Snapshot)
{
    /// <summary>No staged rule, no snapshot.</summary>
    public static GateFlags None { get; } = new(StagedRuleMode.Off, string.Empty);
}
