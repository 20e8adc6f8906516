using System.Collections;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace RecordAccess.Server.Fhir;

/// <summary>
/// How FHIR JSON is written and read: camelCase, no nulls, no empty strings or arrays (FHIR forbids empty
/// elements), UTF-8 without HTML escaping (the payload is never HTML), and strict reading (no comments, no trailing commas).
/// </summary>
internal static class FhirJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>Reading limits for request bodies: depth bounded so a hostile body cannot exhaust the stack.</summary>
    public static JsonDocumentOptions DocumentOptions { get; } = new() { MaxDepth = 64, AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow };

    public static JsonNodeOptions NodeOptions { get; } = new() { PropertyNameCaseInsensitive = false };

    /// <summary>Serializes a resource (typed record or <see cref="JsonNode"/>) to UTF-8 bytes.</summary>
    public static byte[] Serialize(object resource) => JsonSerializer.SerializeToUtf8Bytes(resource, resource.GetType(), Options);

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            WriteIndented = false,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { SkipEmpty } },
        };
        options.MakeReadOnly();
        return options;
    }

    private static void SkipEmpty(JsonTypeInfo info)
    {
        foreach (var property in info.Properties)
        {
            var type = property.PropertyType;
            if (type == typeof(string))
            {
                property.ShouldSerialize = static (_, value) => value is string { Length: > 0 };
            }
            else if (typeof(IEnumerable).IsAssignableFrom(type) && !typeof(JsonNode).IsAssignableFrom(type))
            {
                property.ShouldSerialize = static (_, value) => value is IEnumerable items && items.GetEnumerator().MoveNext();
            }
        }
    }
}
