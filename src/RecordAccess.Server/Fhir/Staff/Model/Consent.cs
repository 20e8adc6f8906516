using System.Text.Json.Serialization;

namespace RecordAccess.Server.Fhir.Staff.Model;

/// <summary>FHIR R4 Consent as the RecordAccessConsent profile describes it (an access code or a grant).</summary>
internal sealed record Consent(
    string Id,
    Meta Meta,
    IReadOnlyList<Extension>? Extension,
    string Status,
    CodeableConcept Scope,
    IReadOnlyList<CodeableConcept> Category,
    ResourceReference Patient,
    string DateTime,
    IReadOnlyList<ResourceReference> Organization,
    IReadOnlyList<Consent.PolicyComponent> Policy,
    Consent.ProvisionComponent Provision)
{
    [JsonPropertyOrder(-1)]
    public string ResourceType { get; } = "Consent";

    internal sealed record PolicyComponent(string Uri);

    internal sealed record ProvisionComponent(string Type, Period? Period, Period? DataPeriod);
}
