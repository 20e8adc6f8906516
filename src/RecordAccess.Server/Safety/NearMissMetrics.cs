using System.Diagnostics.Metrics;
using RecordAccess.Core.Safety;
using RecordAccess.Server.Gate;

namespace RecordAccess.Server.Safety;

/// <summary>
/// Near-miss instruments on the gate's meter (<see cref="GateMetrics.MeterName"/>, already exported): counted when they
/// happen on this server, tagged <c>kind</c> only (decision 0119).
/// </summary>
internal static class NearMissMetrics
{
    private static readonly Meter Meter = new(GateMetrics.MeterName);

    /// <summary>Near misses as they happen, tagged <c>kind</c> (<see cref="NearMissKind"/>).</summary>
    public static Counter<long> NearMisses { get; } = Meter.CreateCounter<long>("recordaccess.near_misses", "{near_miss}",
        "Near misses as they happen on this server (shadow differences, DecisionUnavailable answers, audit failures, stale-state refusals, batches reverted and hides lifted soon), by kind.");

    /// <summary>Runtime near misses dropped from memory before they could be stored (the store was down past <c>Safety:NearMiss:MaxPending</c>).</summary>
    public static Counter<long> Dropped { get; } = Meter.CreateCounter<long>("recordaccess.near_misses.dropped", "{near_miss}",
        "Runtime near misses lost because the store could not take them before the in-memory queue was full.");

    /// <summary>Counts one near miss of <paramref name="kind"/>.</summary>
    public static void Count(NearMissKind kind) => NearMisses.Add(1, new KeyValuePair<string, object?>("kind", kind.ToString()));
}
