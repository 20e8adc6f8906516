using System.Diagnostics.Metrics;

namespace RecordAccess.Server.Gate;

/// <summary>The gate's counters (System.Diagnostics.Metrics, exported by OpenTelemetry: <c>Hosting/TelemetryExtensions</c>).</summary>
internal static class GateMetrics
{
    public const string MeterName = "RecordAccess.Gate";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Entries a staged rule in shadow would have answered differently from the live rules.</summary>
    public static Counter<long> ShadowDifferences { get; } = Meter.CreateCounter<long>("recordaccess.gate.shadow_differences", "{entry}");
}
