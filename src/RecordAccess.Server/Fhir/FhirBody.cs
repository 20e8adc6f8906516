using System.Text.Json;
using System.Text.Json.Nodes;

namespace RecordAccess.Server.Fhir;

/// <summary>
/// Reads a request body as one FHIR JSON resource of an expected type: 415 for a non-JSON body, 413 past
/// <see cref="FhirOptions.MaxRequestBodyBytes"/> (checked from Content-Length, then while reading), 400 for JSON
/// that does not parse (duplicate property names included: a duplicated key could hide a security label) or
/// for a resource of another type.
/// </summary>
internal static class FhirBody
{
    private static readonly JsonDocumentOptions Strict = FhirJson.DocumentOptions with { AllowDuplicateProperties = false };

    public static async Task<FhirBodyResult> ReadResourceAsync(HttpContext context, long limit, string resourceType)
    {
        if (FhirNegotiation.CheckContentType(context) is { } unsupported)
        {
            return new(null, unsupported);
        }

        var request = context.Request;
        if (request.ContentLength > limit)
        {
            return new(null, FhirOutcomes.TooLarge(limit));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return new(null, FhirOutcomes.TooLarge(limit));
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            return new(null, FhirOutcomes.Invalid($"The request body is empty; a {resourceType} resource is required.", code: "required"));
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), FhirJson.NodeOptions, Strict);
        }
        catch (JsonException e)
        {
            return new(null, FhirOutcomes.Invalid($"The request body is not valid JSON: {e.Message}", code: "structure"));
        }

        if (node is not JsonObject resource)
        {
            return new(null, FhirOutcomes.Invalid($"The request body must be a JSON object (a {resourceType} resource).", code: "structure"));
        }

        var type = resource["resourceType"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
        if (!string.Equals(type, resourceType, StringComparison.Ordinal))
        {
            var found = type is null ? "no resourceType" : $"resourceType '{type}'";
            return new(null, FhirOutcomes.Invalid($"Expected a {resourceType} resource, found {found}.", "resourceType"));
        }

        return new(resource, null);
    }
}
