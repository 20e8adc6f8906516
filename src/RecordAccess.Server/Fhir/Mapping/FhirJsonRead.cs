using System.Text.Json;
using System.Text.Json.Nodes;

namespace RecordAccess.Server.Fhir.Mapping;

/// <summary>Small, total readers over JsonNode: a missing or mistyped element reads as null or empty, never throws.</summary>
internal static class FhirJsonRead
{
    public static string? String(JsonNode? node, string name) =>
        node is JsonObject o && o[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    public static string? String(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    public static JsonObject? Object(JsonNode? node, string name) => node is JsonObject o ? o[name] as JsonObject : null;

    public static IEnumerable<JsonNode?> Array(JsonNode? node, string name) =>
        node is JsonObject o && o[name] is JsonArray a ? a : [];

    /// <summary>
    /// The objects of an element whether sent as an array or (malformed) as one object: links that can only withhold
    /// more (parents, contexts) are read in either shape, so a malformed resource never hides its children's parent.
    /// </summary>
    public static IEnumerable<JsonObject> Objects(JsonNode? node, string name) => node is JsonObject o
        ? o[name] switch { JsonArray a => a.OfType<JsonObject>(), JsonObject one => [one], _ => [] }
        : [];

    /// <summary>The codes of a CodeableConcept (or of each CodeableConcept in an array), optionally of one system only.</summary>
    public static IEnumerable<string> Codes(JsonNode? concept, string? system = null)
    {
        var concepts = concept is JsonArray many ? many.AsEnumerable() : [concept];
        return concepts
            .SelectMany(c => Array(c, "coding"))
            .Where(c => system is null || String(c, "system") == system)
            .Select(c => String(c, "code"))
            .OfType<string>();
    }

    /// <summary>The date of a choice element: <c>{prefix}DateTime</c>, <c>{prefix}Period.start</c> (or <c>{prefix}Date</c>).</summary>
    public static string? ChoiceDate(JsonObject resource, string prefix) =>
        String(resource, prefix + "DateTime") ?? String(Object(resource, prefix + "Period"), "start") ?? String(resource, prefix + "Date");
}
