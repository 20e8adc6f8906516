using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace RecordAccess.Server.Fhir;

/// <summary>
/// How FHIR JSON is read and written (decision 0080): resources are Firely POCOs, written by the SDK's
/// <see cref="FhirJsonSerializer"/> and read by its <see cref="FhirJsonDeserializer"/> in strict mode (unknown elements,
/// wrong JSON types, empty elements and malformed primitives are errors, reported as a list rather than thrown).
/// <see cref="JsonNode"/> is written as it is: the <c>$filter</c> pass-through keeps the patient's own resources untouched.
/// </summary>
internal static class FhirJson
{
    /// <summary>Reading limits for request bodies: depth bounded so a hostile body cannot exhaust the stack.</summary>
    public static JsonDocumentOptions DocumentOptions { get; } = new() { MaxDepth = 64, AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow };

    public static JsonNodeOptions NodeOptions { get; } = new() { PropertyNameCaseInsensitive = false };

    /// <summary>The SDK's strict JSON parser (thread-safe, shared).</summary>
    public static FhirJsonDeserializer Deserializer { get; } = new(new DeserializerSettings().UsingMode(DeserializationMode.Strict));

    private static readonly FhirJsonSerializer Serializer = new();

    private static readonly JsonSerializerOptions NodeWriting = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = false };

    private static readonly JsonWriterOptions PocoWriting = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    /// <summary>
    /// Serializes a resource (a Firely POCO, or a <see cref="JsonNode"/> passed through) to UTF-8 bytes, without
    /// HTML escaping (the payload is never HTML; an apostrophe stays an apostrophe).
    /// </summary>
    public static byte[] Serialize(object resource)
    {
        switch (resource)
        {
            case Base poco:
                using (var buffer = new MemoryStream())
                {
                    using (var writer = new Utf8JsonWriter(buffer, PocoWriting))
                    {
                        Serializer.Serialize(poco, writer);
                    }

                    return buffer.ToArray();
                }

            case JsonNode node:
                return JsonSerializer.SerializeToUtf8Bytes(node, NodeWriting);
            default:
                throw new ArgumentException($"Not a FHIR resource: {resource.GetType()}", nameof(resource));
        }
    }
}
