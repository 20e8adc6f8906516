using System.Diagnostics;
using System.Diagnostics.Metrics;
using RecordAccess.Core.Model;
using RecordAccess.Core.Policy;

namespace RecordAccess.Server.Gate;

/// <summary>
/// The gate's instruments (System.Diagnostics.Metrics, exported by OpenTelemetry: <c>Hosting/TelemetryExtensions</c>).
/// Tags are low-cardinality codes only: never a patient, entry or caller.
/// </summary>
internal static class GateMetrics
{
    public const string MeterName = "RecordAccess.Gate";

    public const string DecisionsName = "recordaccess.gate.decisions";

    /// <summary>Reason codes counted in place (0..31: every code there is, with room); any other value is counted on its own.</summary>
    private const int ReasonSlots = 32;

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Entries a staged rule in shadow would have answered differently from the live rules.</summary>
    public static Counter<long> ShadowDifferences { get; } = Meter.CreateCounter<long>("recordaccess.gate.shadow_differences", "{entry}");

    /// <summary>Entry decisions answered, tagged <c>reason</c> (the reason code) and <c>surface</c> (<c>grpc</c>, <c>fhir</c>).</summary>
    public static Counter<long> Decisions { get; } = Meter.CreateCounter<long>(DecisionsName, "{entry}",
        "Entry decisions answered by EvaluateEntries, StreamEvaluate and the patient FHIR operations, by reason.");

    /// <summary>Requests answered UNAVAILABLE / 503 because their audit could not be written (fail closed).</summary>
    public static Counter<long> AuditFailures { get; } = Meter.CreateCounter<long>("recordaccess.gate.audit_failures", "{request}",
        "Requests refused because their decision audit could not be written.");

    /// <summary>
    /// One request's PolicyGate.DecideAsync: building and running the rules, then awaiting the group commit of its audit
    /// record (which dominates); admission (token, state, min_state_version wait) and the response are not included.
    /// </summary>
    public static Histogram<double> DecideDuration { get; } = Meter.CreateHistogram<double>("recordaccess.gate.audited_decision.duration", "s",
        "Deciding one request and awaiting its audit's commit (PolicyGate.DecideAsync).");

    /// <summary>Records one decided request: its duration, its audit failure or its decisions by reason.</summary>
    public static void Record(GateAnswer answer, TimeSpan elapsed, string surface)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var onSurface = new KeyValuePair<string, object?>("surface", surface);
        DecideDuration.Record(elapsed.TotalSeconds, onSurface);
        if (answer.AuditFailed)
        {
            AuditFailures.Add(1, onSurface);
            return;
        }

        if (!Decisions.Enabled)
        {
            return;
        }

        // Counted in place (issue 14): a GroupBy copied every decision of the request into per-reason buffers.
        Span<int> counts = stackalloc int[ReasonSlots];
        var decisions = answer.Decisions;
        for (var i = 0; i < decisions.Count; i++)
        {
            var reason = decisions[i].Reason;
            if ((uint)reason < ReasonSlots)
            {
                counts[(int)reason]++;
            }
            else
            {
                Decisions.Add(1, new TagList { { "reason", reason.ToString() }, onSurface });
            }
        }

        for (var reason = 0; reason < ReasonSlots; reason++)
        {
            if (counts[reason] > 0)
            {
                Decisions.Add(counts[reason], new TagList { { "reason", ((ReasonCode)reason).ToString() }, onSurface });
            }
        }
    }
}
