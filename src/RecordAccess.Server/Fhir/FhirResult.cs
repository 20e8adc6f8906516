namespace RecordAccess.Server.Fhir;

/// <summary>
/// Writes one FHIR resource (a Firely POCO, or a JsonNode passed through) with a status code, in the media type the
/// request negotiated, with a Content-Length (the body is serialized before anything is sent).
/// </summary>
internal sealed class FhirResult(int statusCode, object resource, IReadOnlyDictionary<string, string>? headers = null) : IResult
{
    public int StatusCode => statusCode;

    public object Resource => resource;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var body = FhirJson.Serialize(resource);
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = FhirNegotiation.ResponseMediaType(httpContext);
        response.ContentLength = body.Length;
        response.Headers.CacheControl = "no-store";
        if (headers is not null)
        {
            foreach (var (name, value) in headers)
            {
                response.Headers[name] = value;
            }
        }

        await response.Body.WriteAsync(body, httpContext.RequestAborted).ConfigureAwait(false);
    }
}
