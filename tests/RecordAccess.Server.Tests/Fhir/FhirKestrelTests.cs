using System.Net;
using System.Text.Json.Nodes;
using RecordAccess.Server.Tests.Infrastructure;
using Xunit;

namespace RecordAccess.Server.Tests.Fhir;

/// <summary>
/// FHIR on real Kestrel sockets (decision F8): served on the HTTP/1.1 endpoint; on the HTTP/2-only gRPC endpoint every
/// path under /fhir answers 404 OperationOutcome <c>not-supported</c>, whatever the content type. Every body is validated.
/// </summary>
public sealed class FhirKestrelTests(KestrelHost host, FhirResponseRecorder responses) : IClassFixture<KestrelHost>, IClassFixture<FhirResponseRecorder>
{
    private const string Patient = "9434765927"; // a demo patient (the Development host seeds the demo data)

    [Fact]
    public async Task Metadata_Http11Endpoint_ServedOverHttp11WithThatEndpointAsBase()
    {
        using var client = Client(host.HttpAddress, HttpVersion.Version11);
        using var response = await client.GetAsync(new Uri("/fhir/metadata", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpVersion.Version11, response.Version);
        var statement = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(new Uri(host.HttpAddress, "/fhir").ToString(), (string?)statement["implementation"]!["url"]);
    }

    [Fact]
    public async Task RecordAccess_Http11EndpointRealPatientToken_AnswersParameters()
    {
        using var client = Client(host.HttpAddress, HttpVersion.Version11);
        client.DefaultRequestHeaders.Authorization = new("Bearer", host.Tokens.MintPatient(Patient, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5), "P9"));
        using var response = await client.GetAsync(new Uri($"/fhir/Patient/{Patient}/$record-access", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpVersion.Version11, response.Version);
        Assert.Equal("available", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["parameter"]![0]!["name"]);
    }

    [Theory]
    [InlineData("GET", "/fhir/metadata", null)]
    [InlineData("GET", "/fhir/Patient/" + Patient + "/$record-access", null)]
    [InlineData("POST", "/fhir/Patient/" + Patient + "/$filter", "application/fhir+json")]
    [InlineData("POST", "/fhir/Patient/" + Patient + "/$entry-visibility", "application/grpc")]
    [InlineData("GET", "/fhir/Consent?patient=" + Patient, null)]
    [InlineData("DELETE", "/fhir/no/such/path", null)]
    public async Task Fhir_GrpcEndpoint_Returns404NotSupportedOperationOutcome(string method, string path, string? contentType)
    {
        using var client = Client(host.GrpcAddress, HttpVersion.Version20);
        client.DefaultRequestHeaders.Authorization = new("Bearer", host.Tokens.MintPatient(Patient, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5), "P9"));
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative)) { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
        if (contentType is not null)
        {
            request.Content = new StringContent("""{"resourceType":"Bundle","type":"collection"}""");
            request.Content.Headers.ContentType = new(contentType);
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not-supported", await PatientFhirFixture.IssueCodeAsync(response));
    }

    private HttpClient Client(Uri address, Version version)
    {
        host.StartServer();
        return new HttpClient(new FhirRecordingHandler(responses) { InnerHandler = new SocketsHttpHandler() })
        {
            BaseAddress = address,
            DefaultRequestVersion = version,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }
}
