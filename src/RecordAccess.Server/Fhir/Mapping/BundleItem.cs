using System.Text.Json.Nodes;

namespace RecordAccess.Server.Fhir.Mapping;

/// <summary>One entry of an input Bundle: its fullUrl (if any) and resource, with the resource's type and id.</summary>
internal sealed record BundleItem(string? FullUrl, JsonObject Resource)
{
    public string? Type { get; } = FhirJsonRead.String(Resource, "resourceType");

    public string? Id { get; } = FhirJsonRead.String(Resource, "id");
}
