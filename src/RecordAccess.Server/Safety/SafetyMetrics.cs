using System.Diagnostics.Metrics;
using RecordAccess.Server.Gate;

namespace RecordAccess.Server.Safety;

/// <summary>Safety metrics, on the gate's meter (already exported by OpenTelemetry, decision 0101).</summary>
internal static class SafetyMetrics
{
    /// <summary>The counter's instrument name; Prometheus shows it as <c>recordaccess_replay_mismatches_total</c>.</summary>
    public const string ReplayMismatchesName = "recordaccess.replay.mismatches";

    private static readonly Meter Meter = new(GateMetrics.MeterName);

    public static Counter<long> ReplayMismatches { get; } = Meter.CreateCounter<long>(ReplayMismatchesName, "{replay}",
        "Replays of audited decisions that did not reproduce the audited answer (severe findings).");
}
