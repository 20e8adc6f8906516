using RecordAccess.Core.Policy;

namespace RecordAccess.Server.Gate;

/// <summary>The rollout switches as resolved for one call.</summary>
/// <param name="NationalPause">The national pause is on.</param>
/// <param name="GateEnabled">The gate is enabled for this caller (always, for callers that are not suppliers).</param>
/// <param name="Flags">The staged rules and the snapshot recorded with the audit.</param>
internal sealed record RolloutState(bool NationalPause, bool GateEnabled, GateFlags Flags)
{
    /// <summary>What Core's national pause receives: every entry RolloutNotActive (invalid entries still DecisionUnavailable).</summary>
    public bool WithholdAll => NationalPause || !GateEnabled;
}
