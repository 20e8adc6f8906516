using System.Text.Json.Serialization;

namespace RecordAccess.Server.Fhir.Resources;

/// <summary>FHIR R4 CapabilityStatement, as much of it as this server fills in (built from the route registry).</summary>
internal sealed record CapabilityStatement(
    string Url,
    string Version,
    string Name,
    string Title,
    string Status,
    string Date,
    string Publisher,
    string Kind,
    CapabilityStatement.SoftwareComponent Software,
    CapabilityStatement.ImplementationComponent Implementation,
    string FhirVersion,
    IReadOnlyList<string> Format,
    IReadOnlyList<CapabilityStatement.RestComponent> Rest)
{
    [JsonPropertyOrder(-1)]
    public string ResourceType { get; } = "CapabilityStatement";

    internal sealed record SoftwareComponent(string Name, string Version);

    internal sealed record ImplementationComponent(string Description, string Url);

    internal sealed record RestComponent(string Mode, string Documentation, SecurityComponent Security, IReadOnlyList<ResourceComponent> Resource);

    internal sealed record SecurityComponent(bool Cors, IReadOnlyList<CodeableConcept> Service, string Description);

    internal sealed record CodeableConcept(IReadOnlyList<Coding> Coding, string? Text = null);

    internal sealed record Coding(string System, string Code, string? Display = null);

    internal sealed record ResourceComponent(
        string Type,
        string? Profile,
        IReadOnlyList<InteractionComponent> Interaction,
        IReadOnlyList<SearchParamComponent> SearchParam,
        IReadOnlyList<OperationComponent> Operation);

    internal sealed record InteractionComponent(string Code, string? Documentation = null);

    internal sealed record SearchParamComponent(string Name, string Type, string? Documentation = null);

    internal sealed record OperationComponent(string Name, string Definition, string? Documentation = null);
}
