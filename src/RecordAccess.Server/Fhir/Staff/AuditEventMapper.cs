using System.Globalization;
using RecordAccess.Core.Model;
using RecordAccess.Core.Policy;
using RecordAccess.Core.Policy.Audit;
using RecordAccess.Core.Policy.Events;
using RecordAccess.Server.Fhir.Staff.Model;

namespace RecordAccess.Server.Fhir.Staff;

/// <summary>
/// The audit trail as AuditEvents: a decision request (<c>decision-{decisionId}</c>) or a change of one patient's
/// policy (<c>change-{version}</c>); both ids come from durable records, so they are stable.
/// </summary>
internal static class AuditEventMapper
{
    public const string TypeSystem = FhirCanonical.Base + "/CodeSystem/audit-event-type";
    public const string ChangeKindSystem = FhirCanonical.Base + "/CodeSystem/policy-change-kind";
    public const string ActorSystem = FhirCanonical.Base + "/Id/actor";
    public const string EntrySystem = FhirCanonical.Base + "/Id/entry";

    private static readonly Meta Profiled = new(null, null, [FhirCanonical.StructureDefinition("RecordAccessAuditEvent")]);
    private static readonly AuditEvent.SourceComponent Source =
        new(new ResourceReference(null, null, "RecordAccess"), [new Coding("http://terminology.hl7.org/CodeSystem/security-source-type", "4", "Application Server")]);

    public static AuditEvent FromDecision(DecisionAuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var id = record.DecisionId.ToString("D");
        var entries = record.Decisions.Select(d => new AuditEvent.EntityComponent(
            new ResourceReference(null, new Identifier(EntrySystem, d.EntryId)),
            new Coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "2", "System Object"),
            null,
            [new("reason", WireNames.Of(d.Reason))]));
        return new AuditEvent(
            $"decision-{id}",
            Profiled,
            new Coding(TypeSystem, "decision", "Decision request"),
            [new Coding(TypeSystem, "decision", "Decision request")],
            "E",
            PolicyResourceMapper.Instant(record.RecordedAt),
            "0",
            [new(new ResourceReference(null, new Identifier(ActorSystem, record.Caller), record.Caller), true)],
            Source,
            [Patient(record.NhsNumber, [new("stateVersion", Text(record.StateVersion)), new("ruleSetVersion", record.RuleSetVersion), new("decisionId", id)]), .. entries]);
    }

    public static AuditEvent FromChange(RecordedEvent recorded, PatientChange change)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        ArgumentNullException.ThrowIfNull(change);
        var e = recorded.Event;
        List<AuditEvent.DetailComponent> details = [new("stateVersion", Text(recorded.Version))];
        if (e.Reason is not null)
        {
            details.Add(new("changeReason", e.Reason));
        }

        details.AddRange(ChangeDetails(change));
        return new AuditEvent(
            $"change-{Text(recorded.Version)}",
            Profiled,
            new Coding(TypeSystem, "policy-change", "Policy change"),
            [new Coding(ChangeKindSystem, change.Kind.ToString())],
            "C",
            PolicyResourceMapper.Instant(e.RecordedAt),
            "0",
            [new(new ResourceReference(null, new Identifier(ActorSystem, ActorName(e.Actor)), e.Actor.ToString()), true)],
            Source,
            [Patient(change.NhsNumber, details)]);
    }

    private static IEnumerable<AuditEvent.DetailComponent> ChangeDetails(PatientChange change) => change switch
    {
        PatientRegistered c => [new("ods", c.Ods), new("registrationDate", PolicyResourceMapper.Day(c.RegistrationDate))],
        PatientCodeRecorded c => [new("code", c.Code), new("effectiveDate", PolicyResourceMapper.Day(c.EffectiveDate))],
        IndividualGrantGiven c => [new("grantDate", PolicyResourceMapper.Day(c.GrantDate))],
        IndividualStartDateSet c => [new("startDate", PolicyResourceMapper.Day(c.StartDate))],
        HistoricAccessGranted c => [new("fromDate", PolicyResourceMapper.Day(c.FromDate))],
        SafeguardingFlagRaised c => [new("flagId", c.FlagId)],
        SafeguardingFlagResolved c => [new("flagId", c.FlagId)],
        EntryRedacted c => [new("entryId", c.EntryId)],
        EntryUnredacted c => [new("entryId", c.EntryId)],
        EntryReleased c => [new("entryId", c.EntryId)],
        EntryReleaseWithdrawn c => [new("entryId", c.EntryId)],
        _ => [],
    };

    private static string ActorName(Actor actor) => actor.Kind switch
    {
        ActorKind.Staff => $"staff:{actor.Id}@{actor.Ods}",
        ActorKind.Supplier => $"supplier:{actor.Id}",
        _ => $"system:{actor.Id}",
    };

    private static AuditEvent.EntityComponent Patient(string nhsNumber, IReadOnlyList<AuditEvent.DetailComponent> details) => new(
        new ResourceReference(null, new Identifier(FhirCanonical.NhsNumberSystem, nhsNumber)),
        new Coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "1", "Person"),
        new Coding("http://terminology.hl7.org/CodeSystem/object-role", "1", "Patient"),
        details);

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
