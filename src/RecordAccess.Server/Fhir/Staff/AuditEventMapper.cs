using System.Globalization;
using Hl7.Fhir.Model;
using RecordAccess.Core.Model;
using RecordAccess.Core.Policy;
using RecordAccess.Core.Policy.Audit;
using RecordAccess.Core.Policy.Events;

namespace RecordAccess.Server.Fhir.Staff;

/// <summary>
/// The audit trail as AuditEvents (Firely POCOs): a decision request (<c>decision-{decisionId}</c>) or a change of one
/// patient's policy (<c>change-{version}</c>); both ids come from durable records, so they are stable.
/// </summary>
internal static class AuditEventMapper
{
    public const string TypeSystem = FhirCanonical.Base + "/CodeSystem/audit-event-type";
    public const string ChangeKindSystem = FhirCanonical.Base + "/CodeSystem/policy-change-kind";
    public const string ActorSystem = FhirCanonical.Base + "/Id/actor";
    public const string EntrySystem = FhirCanonical.Base + "/Id/entry";

    public static AuditEvent FromDecision(DecisionAuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var id = record.DecisionId.ToString("D");
        var entries = record.Decisions.Select(d => new AuditEvent.EntityComponent
        {
            What = new ResourceReference { Identifier = new Identifier(EntrySystem, d.EntryId) },
            Type = new Coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "2", "System Object"),
            Detail = [Detail("reason", WireNames.Of(d.Reason))],
        });
        return Event(
            $"decision-{id}",
            new Coding(TypeSystem, "decision", "Decision request"),
            new Coding(TypeSystem, "decision", "Decision request"),
            AuditEvent.AuditEventAction.E,
            record.RecordedAt,
            new ResourceReference { Identifier = new Identifier(ActorSystem, record.Caller), Display = record.Caller },
            [Patient(record.NhsNumber, [Detail("stateVersion", Text(record.StateVersion)), Detail("ruleSetVersion", record.RuleSetVersion), Detail("decisionId", id)]), .. entries]);
    }

    public static AuditEvent FromChange(RecordedEvent recorded, PatientChange change)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        ArgumentNullException.ThrowIfNull(change);
        var e = recorded.Event;
        List<AuditEvent.DetailComponent> details = [Detail("stateVersion", Text(recorded.Version))];
        if (e.Reason is not null)
        {
            details.Add(Detail("changeReason", e.Reason));
        }

        details.AddRange(ChangeDetails(change));
        return Event(
            $"change-{Text(recorded.Version)}",
            new Coding(TypeSystem, "policy-change", "Policy change"),
            new Coding(ChangeKindSystem, change.Kind.ToString()),
            AuditEvent.AuditEventAction.C,
            e.RecordedAt,
            new ResourceReference { Identifier = new Identifier(ActorSystem, ActorName(e.Actor)), Display = e.Actor.ToString() },
            [Patient(change.NhsNumber, details)]);
    }

    private static AuditEvent Event(string id, Coding type, Coding subtype, AuditEvent.AuditEventAction action, DateTimeOffset recorded, ResourceReference who, List<AuditEvent.EntityComponent> entities) => new()
    {
        Id = id,
        Meta = new Meta { Profile = [FhirCanonical.StructureDefinition("RecordAccessAuditEvent")] },
        Type = type,
        Subtype = [subtype],
        Action = action,
        RecordedElement = new Instant(recorded.ToUniversalTime()),
        Outcome = AuditEvent.AuditEventOutcome.N0,
        Agent = [new AuditEvent.AgentComponent { Who = who, Requestor = true }],
        Source = new AuditEvent.SourceComponent
        {
            Observer = new ResourceReference { Display = "RecordAccess" },
            Type = [new Coding("http://terminology.hl7.org/CodeSystem/security-source-type", "4", "Application Server")],
        },
        Entity = entities,
    };

    private static IEnumerable<AuditEvent.DetailComponent> ChangeDetails(PatientChange change) => change switch
    {
        PatientRegistered c => [Detail("ods", c.Ods), Detail("registrationDate", PolicyResourceMapper.Day(c.RegistrationDate))],
        PatientCodeRecorded c => [Detail("code", c.Code), Detail("effectiveDate", PolicyResourceMapper.Day(c.EffectiveDate))],
        IndividualGrantGiven c => [Detail("grantDate", PolicyResourceMapper.Day(c.GrantDate))],
        IndividualStartDateSet c => [Detail("startDate", PolicyResourceMapper.Day(c.StartDate))],
        HistoricAccessGranted c => [Detail("fromDate", PolicyResourceMapper.Day(c.FromDate))],
        SafeguardingFlagRaised c => [Detail("flagId", c.FlagId)],
        SafeguardingFlagResolved c => [Detail("flagId", c.FlagId)],
        EntryRedacted c => [Detail("entryId", c.EntryId)],
        EntryUnredacted c => [Detail("entryId", c.EntryId)],
        EntryReleased c => [Detail("entryId", c.EntryId)],
        EntryReleaseWithdrawn c => [Detail("entryId", c.EntryId)],
        _ => [],
    };

    private static string ActorName(Actor actor) => actor.Kind switch
    {
        ActorKind.Staff => $"staff:{actor.Id}@{actor.Ods}",
        ActorKind.Supplier => $"supplier:{actor.Id}",
        _ => $"system:{actor.Id}",
    };

    private static AuditEvent.EntityComponent Patient(string nhsNumber, List<AuditEvent.DetailComponent> details) => new()
    {
        What = new ResourceReference { Identifier = new Identifier(FhirCanonical.NhsNumberSystem, nhsNumber) },
        Type = new Coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "1", "Person"),
        Role = new Coding("http://terminology.hl7.org/CodeSystem/object-role", "1", "Patient"),
        Detail = details,
    };

    private static AuditEvent.DetailComponent Detail(string type, string value) => new() { Type = type, Value = new FhirString(value) };

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
