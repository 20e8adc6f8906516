using System.Text.Json;
using System.Text.Json.Nodes;
using Hl7.Fhir.Serialization;

namespace RecordAccess.Server.Fhir.Mapping;

/// <summary>
/// Whether a resource is valid R4 as Firely's strict parser reads it: every element known, arrays where R4 defines
/// arrays and single values where it defines single values (<c>meta.security</c>, <c>code</c>, <c>contained</c>,
/// <c>result</c>, <c>meta</c>…), primitives in their formats, mandatory elements present. The mapping reads only
/// resources of this shape, so an element it cannot read is never taken as absent; any other resource is withheld.
/// </summary>
internal static class ResourceShape
{
    private static readonly FhirJsonDeserializer Strict = new(new DeserializerSettings().UsingMode(DeserializationMode.Strict));

    public static bool IsValid(JsonObject resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var reader = new Utf8JsonReader(JsonSerializer.SerializeToUtf8Bytes(resource));
        try
        {
            return Strict.TryDeserializeResource(ref reader, out _, out _);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The SDK's parser also throws on some shapes (a single contained resource: CodedValidationException); the
            // shape is then not understood, so the resource is withheld like any other that does not parse.
            return false;
        }
    }
}
