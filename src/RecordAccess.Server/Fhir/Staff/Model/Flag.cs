using System.Text.Json.Serialization;

namespace RecordAccess.Server.Fhir.Staff.Model;

/// <summary>FHIR R4 Flag as the RecordAccessFlag profile describes it (a safeguarding flag or a restriction).</summary>
internal sealed record Flag(
    string Id,
    Meta Meta,
    IReadOnlyList<Extension>? Extension,
    IReadOnlyList<Identifier>? Identifier,
    string Status,
    IReadOnlyList<CodeableConcept> Category,
    CodeableConcept Code,
    ResourceReference Subject,
    Period Period,
    ResourceReference Author)
{
    [JsonPropertyOrder(-1)]
    public string ResourceType { get; } = "Flag";
}
