using System.Diagnostics.Metrics;

namespace RecordAccess.Server.Policy;

/// <summary>
/// This server's policy state as observable gauges, on a meter of the host's <see cref="IMeterFactory"/> (one per host):
/// <c>recordaccess.policy.state_version</c>, <c>recordaccess.policy.follower.lag_ms</c>, the time since the
/// follower's last successful read of the shared log (what <see cref="PolicyFreshness"/> compares with
/// <c>Policy:MaxStaleness</c>), and <c>recordaccess.policy.follower.lag_versions</c>, the versions committed (read or
/// announced by LISTEN/NOTIFY) and not yet applied. Nothing is reported before the state is loaded. Created at start by
/// <c>MapRecordAccessServer</c>: a gauge exists once its meter does.
/// </summary>
internal sealed class PolicyMetrics
{
    public const string MeterName = "RecordAccess.Policy";

    public PolicyMetrics(IMeterFactory meters, PolicyRuntime runtime, PolicyFreshness freshness, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(meters);
        Meter = meters.Create(MeterName);
        Meter.CreateObservableGauge("recordaccess.policy.state_version",
            () => runtime.IsReady ? [new Measurement<long>(runtime.State.Version)] : Array.Empty<Measurement<long>>(),
            "{version}", "The policy state version this server answers from.");
        Meter.CreateObservableGauge("recordaccess.policy.follower.lag_ms",
            () => freshness.LastRead is { } read ? [new Measurement<double>((clock.GetUtcNow() - read).TotalMilliseconds)] : Array.Empty<Measurement<double>>(),
            "ms", "Time since the follower last read the shared log successfully.");
        Meter.CreateObservableGauge("recordaccess.policy.follower.lag_versions",
            () => runtime.IsReady ? [new Measurement<long>(Math.Max(0, runtime.Follower.LogVersion - runtime.State.Version))] : Array.Empty<Measurement<long>>(),
            "{version}", "Versions known to be committed to the shared log (read or announced) that this server has not applied yet.");
    }

    public Meter Meter { get; }
}
