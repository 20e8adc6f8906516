using System.Globalization;

namespace RecordAccess.Server.Tests.Infrastructure;

/// <summary>Hands every response body under <c>/fhir</c> to a <see cref="FhirResponseRecorder"/>; the test still reads the body as usual.</summary>
internal sealed class FhirRecordingHandler(FhirResponseRecorder recorder) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (request.RequestUri?.AbsolutePath.StartsWith("/fhir", StringComparison.Ordinal) == true)
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var call = string.Create(CultureInfo.InvariantCulture, $"{request.Method} {request.RequestUri.PathAndQuery} -> {(int)response.StatusCode}");

            // Every FHIR answer carries a resource; an empty body is recorded as such and the validator rejects it.
            recorder.Record(call, body);
        }

        return response;
    }
}
