using RecordAccess.Core.Model;

namespace RecordAccess.Server.Gate;

/// <summary>A request that passed <see cref="GateAdmission"/>: built from the state at <paramref name="StateVersion"/>.</summary>
internal sealed record Admitted(DecisionRequest Request, long StateVersion, RolloutState Rollout);
