namespace RecordAccess.Core.Safety;

/// <summary>A runtime near miss (an audit failure, a stale-state refusal) as kept in <c>near_miss_events</c>: its id makes a retried write idempotent.</summary>
/// <param name="Id">Unique id, given when the near miss happened.</param>
/// <param name="NearMiss">What happened.</param>
public sealed record NearMissEvent(Guid Id, NearMiss NearMiss);
