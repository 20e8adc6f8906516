namespace RecordAccess.Core.Policy;

/// <summary>
/// The rollout switches that shape one decision, resolved at the edge (Core knows no feature-flag library).
/// The national pause and a supplier for whom the gate is not enabled travel as the request's
/// <see cref="Model.DecisionRequest.NationalPause"/>; this carries the rest and the snapshot the audit records.
/// </summary>
/// <param name="RuleSet2025">
/// The staged rollout of rule set 2025.1 (decision D11): off decides with 2024.1; shadow decides with 2024.1 and also
/// evaluates 2025.1, counting the entries it would answer differently; on decides with 2025.1.
/// </param>
/// <param name="Snapshot">
/// Every switch as resolved, recorded with the decision's audit (e.g. <c>NationalPause=off;Gate=on;RuleSet2025=shadow</c>).
/// In shadow the gate appends the difference count, <c>;RuleSet2025.shadowDifferences=N</c>, to what it records.
/// </param>
public sealed record GateFlags(StagedRuleMode RuleSet2025, string Snapshot)
{
    /// <summary>Rule set 2025.1 on, no snapshot.</summary>
    public static GateFlags None { get; } = new(StagedRuleMode.On, string.Empty);

    /// <summary>The rule set that decides under these switches: 2025.1 only when <see cref="RuleSet2025"/> is on.</summary>
    public Model.RuleSetVersion Deciding => RuleSet2025 == StagedRuleMode.On ? Model.RuleSetVersion.V2025_1 : Model.RuleSetVersion.V2024_1;
}
