using System.Globalization;
using CsvHelper;
using Hl7.Fhir.Model;
using RecordAccess.Core.Safety;
using RecordAccess.Server.Fhir;

namespace RecordAccess.Server.Safety;

/// <summary>
/// The safety report as CSV (CsvHelper: RFC 4180, CRLF, quoted only when needed) and as FHIR R4 (a collection Bundle of
/// AuditEvents in the <c>RecordAccessSafetyIncident</c> profile, Firely POCOs). Shapes in <c>docs/safety-reports.md</c>
/// (decision 0117). Staff and patient-safety-team wording: never shown to a patient.
/// </summary>
internal static class SafetyExport
{
    public const string IncidentCategorySystem = FhirCanonical.Base + "/CodeSystem/safety-incident-category";
    public const string DecisionSystem = FhirCanonical.Base + "/Id/decision";
    public const string IncidentSystem = FhirCanonical.Base + "/Id/incident";
    public const string ProfileName = "RecordAccessSafetyIncident";

    /// <summary>The incident columns, in order.</summary>
    public static readonly IReadOnlyList<string> IncidentColumns =
        ["incident_id", "sequence", "ods", "nhs_number", "category", "harm", "outcome", "occurred_at", "recorded_at", "recorded_by", "decision_ids", "entry_ids", "description"];

    /// <summary>The summary columns, in order.</summary>
    public static readonly IReadOnlyList<string> SummaryColumns = ["measure", "category", "harm", "outcome", "near_miss_kind", "count"];

    /// <summary>One row per incident (header row first); lists inside a field are separated by spaces.</summary>
    public static string Csv(SafetyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return Write(IncidentColumns, report.Incidents.Select(i => new[]
        {
            i.Id.ToString("D"),
            i.Sequence.ToString(CultureInfo.InvariantCulture),
            i.Ods,
            i.NhsNumber,
            Code(i.Report.Category),
            Code(i.Report.Harm),
            Code(i.Report.Outcome),
            Instant(i.Report.OccurredAt),
            Instant(i.RecordedAt),
            i.RecordedBy.ToString(),
            string.Join(' ', i.Report.DecisionIds.Select(d => d.ToString("D"))),
            string.Join(' ', i.Report.EntryIds),
            i.Report.Description,
        }));
    }

    /// <summary>
    /// The summary (the second CSV export): one row per non-zero category × harm × outcome cell (<c>incidents</c>), one per
    /// outcome (<c>incidents_by_outcome</c>: near miss vs harm), one per near-miss kind (<c>near_misses</c>) and one for replay
    /// mismatches (<c>replay_mismatches</c>).
    /// </summary>
    public static string SummaryCsv(SafetyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var rows = new List<string[]>();
        rows.AddRange(report.ByCategoryAndHarm.Select(c => new[] { "incidents", Code(c.Category), Code(c.Harm), Code(c.Outcome), string.Empty, Count(c.Count) }));
        rows.AddRange(Enum.GetValues<IncidentOutcome>().Select(o => new[] { "incidents_by_outcome", string.Empty, string.Empty, Code(o), string.Empty, Count(report.Incidents.Count(i => i.Report.Outcome == o)) }));
        rows.AddRange(report.NearMissesByKind.Select(n => new[] { "near_misses", string.Empty, string.Empty, string.Empty, n.Kind, Count(n.Count) }));
        rows.Add(["replay_mismatches", string.Empty, string.Empty, string.Empty, string.Empty, Count(report.ReplayMismatches)]);
        return Write(SummaryColumns, rows);
    }

    /// <summary>A collection Bundle with one <c>RecordAccessSafetyIncident</c> AuditEvent per incident, as FHIR R4 JSON.</summary>
    public static string Fhir(SafetyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var bundle = new Bundle
        {
            Type = Bundle.BundleType.Collection,
            Timestamp = DateTimeOffset.UtcNow,
            Entry = [.. report.Incidents.Select(i => new Bundle.EntryComponent { FullUrl = $"urn:uuid:{i.Id:D}", Resource = ToAuditEvent(i) })],
        };
        return System.Text.Encoding.UTF8.GetString(FhirJson.Serialize(bundle));
    }

    public static AuditEvent ToAuditEvent(Incident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var report = incident.Report;
        List<AuditEvent.DetailComponent> details =
        [
            Detail("harm", Code(report.Harm)),
            Detail("outcome", Code(report.Outcome)),
            Detail("description", report.Description),
            Detail("sequence", incident.Sequence.ToString(CultureInfo.InvariantCulture)),
        ];
        var entities = new List<AuditEvent.EntityComponent>
        {
            new()
            {
                What = new ResourceReference { Identifier = new Identifier(FhirCanonical.NhsNumberSystem, incident.NhsNumber) },
                Type = new Coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "1", "Person"),
                Role = new Coding("http://terminology.hl7.org/CodeSystem/object-role", "1", "Patient"),
                Detail = details,
            },
        };
        entities.AddRange(report.DecisionIds.Select(d => new AuditEvent.EntityComponent
        {
            What = new ResourceReference { Identifier = new Identifier(DecisionSystem, d.ToString("D")) },
            Type = new Coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "2", "System Object"),
        }));
        entities.AddRange(report.EntryIds.Select(e => new AuditEvent.EntityComponent
        {
            What = new ResourceReference { Identifier = new Identifier(RecordAccess.Server.Fhir.Staff.AuditEventMapper.EntrySystem, e) },
            Type = new Coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "2", "System Object"),
        }));
        return new AuditEvent
        {
            Id = $"incident-{incident.Id:D}",
            Meta = new Meta { Profile = [FhirCanonical.StructureDefinition(ProfileName)] },
            Type = new Coding(IncidentCategorySystem, Code(report.Category)),
            Action = AuditEvent.AuditEventAction.C,
            Period = new Period(new FhirDateTime(report.OccurredAt.ToUniversalTime()), new FhirDateTime(report.OccurredAt.ToUniversalTime())),
            RecordedElement = new Instant(incident.RecordedAt.ToUniversalTime()),
            Outcome = AuditEvent.AuditEventOutcome.N0,
            Agent =
            [
                new AuditEvent.AgentComponent
                {
                    Who = new ResourceReference { Identifier = new Identifier(RecordAccess.Server.Fhir.Staff.AuditEventMapper.ActorSystem, incident.RecordedBy.ToString()), Display = incident.RecordedBy.ToString() },
                    Requestor = true,
                },
            ],
            Source = new AuditEvent.SourceComponent
            {
                Site = incident.Ods,
                Observer = new ResourceReference { Display = "RecordAccess" },
                Type = [new Coding("http://terminology.hl7.org/CodeSystem/security-source-type", "4", "Application Server")],
            },
            Entity = entities,
        };
    }

    /// <summary>The export code of a category, harm level or outcome: kebab case of the enum name (e.g. <c>abuser-read-record</c>, <c>no-harm</c>, <c>near-miss</c>).</summary>
    public static string Code<T>(T value)
        where T : struct, Enum
    {
        var name = value.ToString();
        var text = new System.Text.StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                text.Append('-');
            }

            text.Append(char.ToLowerInvariant(name[i]));
        }

        return text.ToString();
    }

    private static string Write(IReadOnlyList<string> header, IEnumerable<string[]> rows)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\r\n" };
        using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            foreach (var column in header)
            {
                csv.WriteField(column);
            }

            csv.NextRecord();
            foreach (var row in rows)
            {
                foreach (var field in row)
                {
                    csv.WriteField(field);
                }

                csv.NextRecord();
            }
        }

        return writer.ToString();
    }

    private static AuditEvent.DetailComponent Detail(string type, string value) => new() { Type = type, Value = new FhirString(value) };

    private static string Instant(DateTimeOffset value) => value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);
}
