using System.Diagnostics.Metrics;

namespace RecordAccess.Storage;

/// <summary>
/// The store's instruments (System.Diagnostics.Metrics; the server exports them with OpenTelemetry, OTLP and Prometheus).
/// Tags are the provider only: never a patient, entry or caller.
/// </summary>
public static class StorageMetrics
{
    /// <summary>The meter's name, for an OpenTelemetry <c>AddMeter</c>.</summary>
    public const string MeterName = "RecordAccess.Storage";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>One group commit of decision audit records: open, insert, commit (what every audited answer waits for).</summary>
    internal static Histogram<double> AuditCommitDuration { get; } = Meter.CreateHistogram<double>(
        "recordaccess.audit.commit.duration", "s", "Writing and committing one group of decision audit records.");

    /// <summary>Audit records committed.</summary>
    internal static Counter<long> AuditRecords { get; } = Meter.CreateCounter<long>(
        "recordaccess.audit.records", "{record}", "Decision audit records committed.");
}
