using System.Text.Json;
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace RecordAccess.Server.Fhir;

/// <summary>
/// Reads a request body as one FHIR JSON resource of an expected type: 415 for a non-JSON body, 413 past
/// <see cref="FhirOptions.MaxRequestBodyBytes"/> (checked from Content-Length, then while reading), 400 for bytes that
/// are not JSON (invalid UTF-8, duplicate property names: a duplicated key could hide a security label), for a resource
/// of another type, and, for <see cref="ReadAsync{T}"/>, for anything Firely's strict parser rejects (wrong JSON types,
/// unknown elements, empty elements, malformed primitives, lone surrogates), listing every issue it found.
/// </summary>
internal static class FhirBody
{
    private static readonly JsonDocumentOptions Strict = FhirJson.DocumentOptions with { AllowDuplicateProperties = false };

    /// <summary>The body as JSON, checked as above but not parsed into a POCO (the <c>$filter</c> pass-through).</summary>
    public static async Task<FhirBodyResult> ReadResourceAsync(HttpContext context, long limit, string resourceType)
    {
        var (bytes, error) = await ReadBytesAsync(context, limit, resourceType).ConfigureAwait(false);
        if (error is not null)
        {
            return new(null, error);
        }

        var (resource, invalid) = ParseJson(bytes, resourceType);
        return new(resource, invalid);
    }

    /// <summary>The body as a Firely POCO of type <typeparamref name="T"/>, read by the SDK's strict parser.</summary>
    public static async Task<FhirResourceBody<T>> ReadAsync<T>(HttpContext context, long limit)
        where T : Resource
    {
        var resourceType = ModelInfo.GetFhirTypeNameForType(typeof(T)) ?? typeof(T).Name;
        var (bytes, error) = await ReadBytesAsync(context, limit, resourceType).ConfigureAwait(false);
        if (error is not null)
        {
            return new(null, error);
        }

        var (json, invalid) = ParseJson(bytes, resourceType);
        if (invalid is not null)
        {
            return new(null, invalid);
        }

        if (json!.Count == 1)
        {
            // Only "resourceType": what clients (Firely's FhirClient among them) send for "no input". The strict parser
            // calls an element-less resource empty; it is read as the empty resource it means.
            return new(Activator.CreateInstance<T>(), null);
        }

        try
        {
            var reader = new Utf8JsonReader(bytes.Span, new JsonReaderOptions { MaxDepth = FhirJson.DocumentOptions.MaxDepth });
            if (FhirJson.Deserializer.TryDeserializeResource(reader, out var resource, out var issues) && resource is T typed)
            {
                return new(typed, null);
            }

            return new(null, FhirOutcomes.Issues(StatusCodes.Status400BadRequest, issues.Select(i =>
                FhirOutcomes.Issue("error", "structure", $"The {resourceType} is not valid FHIR R4 JSON: {i.Message}"))));
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or JsonException or DeserializationFailedException)
        {
            // System.Text.Json refuses to decode a lone UTF-16 surrogate (\ud800) only when the string is read.
            return new(null, FhirOutcomes.Invalid($"The {resourceType} holds text that is not valid Unicode or JSON: {e.Message}", code: "structure"));
        }
    }

    private static (JsonObject? Resource, FhirResult? Error) ParseJson(ReadOnlyMemory<byte> bytes, string resourceType)
    {
        var (resource, problem) = Parse(bytes, resourceType);
        return problem is null ? (resource, null) : (null, FhirOutcomes.Invalid(problem.Message, problem.Expression, problem.Code));
    }

    /// <summary>
    /// Bytes as one JSON resource of <paramref name="resourceType"/> (no duplicate property names), or why not: the check
    /// <see cref="ReadResourceAsync"/> makes, also used for a Bundle pasted on the staff pages.
    /// </summary>
    internal static (JsonObject? Resource, BodyProblem? Problem) Parse(ReadOnlyMemory<byte> bytes, string resourceType)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(bytes.Span, FhirJson.NodeOptions, Strict);
        }
        catch (JsonException e)
        {
            return (null, new($"The request body is not valid JSON: {e.Message}", null, "structure"));
        }

        if (node is not JsonObject resource)
        {
            return (null, new($"The request body must be a JSON object (a {resourceType} resource).", null, "structure"));
        }

        var type = resource["resourceType"] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
        if (!string.Equals(type, resourceType, StringComparison.Ordinal))
        {
            var found = type is null ? "no resourceType" : $"resourceType '{type}'";
            return (null, new($"Expected a {resourceType} resource, found {found}.", "resourceType", "invalid"));
        }

        return (resource, null);
    }

    private static async Task<(ReadOnlyMemory<byte> Bytes, FhirResult? Error)> ReadBytesAsync(HttpContext context, long limit, string resourceType)
    {
        if (FhirNegotiation.CheckContentType(context) is { } unsupported)
        {
            return (default, unsupported);
        }

        var request = context.Request;
        if (request.ContentLength > limit)
        {
            return (default, FhirOutcomes.TooLarge(limit));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return (default, FhirOutcomes.TooLarge(limit));
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            return (default, FhirOutcomes.Invalid($"The request body is empty; a {resourceType} resource is required.", code: "required"));
        }

        return (buffer.ToArray(), null);
    }
}

/// <summary>Why a body is not the resource expected: a message, the element (if one), an OperationOutcome issue code.</summary>
internal sealed record BodyProblem(string Message, string? Expression, string Code);
