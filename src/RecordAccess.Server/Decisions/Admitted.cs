using RecordAccess.Core.Model;
using RecordAccess.Server.Gate;

namespace RecordAccess.Server.Decisions;

/// <summary>A request that passed admission in <see cref="DecisionPath"/>: built from the state at <paramref name="StateVersion"/>.</summary>
internal sealed record Admitted(DecisionRequest Request, long StateVersion, RolloutState Rollout);
