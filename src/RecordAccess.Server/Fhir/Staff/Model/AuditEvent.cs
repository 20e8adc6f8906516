using System.Text.Json.Serialization;

namespace RecordAccess.Server.Fhir.Staff.Model;

/// <summary>FHIR R4 AuditEvent as the RecordAccessAuditEvent profile describes it (a decision request or a policy change).</summary>
internal sealed record AuditEvent(
    string Id,
    Meta Meta,
    Coding Type,
    IReadOnlyList<Coding> Subtype,
    string Action,
    string Recorded,
    string Outcome,
    IReadOnlyList<AuditEvent.AgentComponent> Agent,
    AuditEvent.SourceComponent Source,
    IReadOnlyList<AuditEvent.EntityComponent> Entity)
{
    [JsonPropertyOrder(-1)]
    public string ResourceType { get; } = "AuditEvent";

    internal sealed record AgentComponent(ResourceReference Who, bool Requestor);

    internal sealed record SourceComponent(ResourceReference Observer, IReadOnlyList<Coding> Type);

    internal sealed record EntityComponent(ResourceReference What, Coding Type, Coding? Role, IReadOnlyList<DetailComponent>? Detail);

    internal sealed record DetailComponent(string Type, string ValueString);
}
