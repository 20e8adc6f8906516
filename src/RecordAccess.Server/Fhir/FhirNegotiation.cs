using Microsoft.Net.Http.Headers;

namespace RecordAccess.Server.Fhir;

/// <summary>
/// Content negotiation for FHIR (http://hl7.org/fhir/R4/http.html#mime-type): <c>_format</c> wins over
/// <c>Accept</c>; JSON (<c>application/fhir+json</c>, <c>application/json</c>, <c>json</c>) is served; XML and
/// Turtle are refused with 406 (response) or 415 (request body); a <c>fhirVersion</c> parameter other than 4.0 is refused.
/// </summary>
internal static class FhirNegotiation
{
    private const string ItemKey = "RecordAccess.Fhir.ResponseMediaType";

    /// <summary>Checks what the client accepts; null when a JSON response is acceptable (and remembers which type to write).</summary>
    public static FhirResult? CheckAccept(HttpContext context)
    {
        var request = context.Request;
        if (request.Query.TryGetValue("_format", out var formats))
        {
            var format = formats.Count == 1 ? formats[0]?.Trim() : null;
            if (string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            if (format is null || !MediaTypeHeaderValue.TryParse(format, out var requested) || !IsJson(requested.MediaType.Value) || WrongVersion(requested))
            {
                return FhirOutcomes.NotAcceptable($"_format '{string.Join(",", formats.ToArray())}' is not supported; this server writes FHIR R4 JSON only (_format=json).");
            }

            Remember(context, requested.MediaType.Equals(FhirMediaTypes.Json, StringComparison.OrdinalIgnoreCase));
            return null;
        }

        var accept = request.GetTypedHeaders().Accept;
        if (accept.Count == 0)
        {
            return null;
        }

        var acceptable = accept.Where(a => a.Quality is not 0 && !WrongVersion(a)).ToList();
        if (acceptable.Any(a => a.MatchesAllTypes || a.MatchesAllSubTypes && a.Type.Equals("application", StringComparison.OrdinalIgnoreCase)
            || a.MediaType.Equals(FhirMediaTypes.FhirJson, StringComparison.OrdinalIgnoreCase) || a.MediaType.Equals("application/json+fhir", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        if (acceptable.Any(a => a.MediaType.Equals(FhirMediaTypes.Json, StringComparison.OrdinalIgnoreCase)))
        {
            Remember(context, plainJson: true);
            return null;
        }

        return FhirOutcomes.NotAcceptable(
            $"None of the accepted media types ({request.Headers.Accept}) can be served; this server writes {FhirMediaTypes.FhirJson}; fhirVersion={FhirMediaTypes.FhirVersion}.");
    }

    /// <summary>Checks the media type of a request body: FHIR JSON or JSON, UTF-8, FHIR 4.0; 415 otherwise.</summary>
    public static FhirResult? CheckContentType(HttpContext context)
    {
        var text = context.Request.ContentType;
        if (string.IsNullOrWhiteSpace(text))
        {
            return FhirOutcomes.UnsupportedMediaType($"The request body needs Content-Type: {FhirMediaTypes.FhirJson}.");
        }

        if (!MediaTypeHeaderValue.TryParse(text, out var type) || !IsJson(type.MediaType.Value))
        {
            return FhirOutcomes.UnsupportedMediaType($"Content-Type '{text}' is not supported; send {FhirMediaTypes.FhirJson} (FHIR R4 JSON).");
        }

        if (type.Charset.HasValue && !type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            return FhirOutcomes.UnsupportedMediaType($"Charset '{type.Charset}' is not supported; FHIR JSON is UTF-8.");
        }

        return WrongVersion(type)
            ? FhirOutcomes.UnsupportedMediaType($"fhirVersion '{Version(type)}' is not supported; this server speaks FHIR R4 (fhirVersion={FhirMediaTypes.FhirVersion}).")
            : null;
    }

    /// <summary>The content type of the response: FHIR JSON, or plain JSON if that is all the client accepts.</summary>
    public static string ResponseMediaType(HttpContext context) =>
        context.Items.TryGetValue(ItemKey, out var plain) && plain is true ? FhirMediaTypes.JsonResponse : FhirMediaTypes.FhirJsonResponse;

    private static void Remember(HttpContext context, bool plainJson) => context.Items[ItemKey] = plainJson;

    private static bool IsJson(string? mediaType) =>
        mediaType is not null && FhirMediaTypes.JsonFormats.Contains(mediaType, StringComparer.OrdinalIgnoreCase) && !string.Equals(mediaType, "json", StringComparison.Ordinal);

    private static string? Version(MediaTypeHeaderValue type) =>
        type.Parameters.FirstOrDefault(p => p.Name.Equals("fhirVersion", StringComparison.OrdinalIgnoreCase))?.Value.Value?.Trim('"');

    private static bool WrongVersion(MediaTypeHeaderValue type) =>
        Version(type) is { } version && version != FhirMediaTypes.FhirVersion && version != "4.0.1";
}
