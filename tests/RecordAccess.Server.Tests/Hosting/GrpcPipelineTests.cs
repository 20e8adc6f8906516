using System.Net;
using System.Net.Http.Headers;
using RecordAccess.Server.Contracts.V1;
using RecordAccess.Server.Tests.Infrastructure;
using Xunit;

namespace RecordAccess.Server.Tests.Hosting;

/// <summary>
/// On real Kestrel sockets: a gRPC request (application/grpc) is branched off the staff pages' middleware (issue 14):
/// it is never served a static file and gets none of the pages' headers or cookies; browsers still get both.
/// </summary>
public sealed class GrpcPipelineTests(KestrelHost host) : IClassFixture<KestrelHost>
{
    private const string Asset = "/assets/images/nhsuk-icon-512.png";
    private const string DemoPatient = "9434765919"; // registered at A81001 in the demo data the Development host seeds

    [Fact]
    public async Task StaticAsset_Browser_ServedAsFile()
    {
        using var client = Http11();
        using var response = await client.GetAsync(new Uri(Asset, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("application/grpc")]
    [InlineData("application/grpc+proto")]
    [InlineData("Application/GRPC")]
    public async Task StaticAsset_GrpcContentType_NotServedAsFile(string contentType)
    {
        using var client = Http11();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Asset, UriKind.Relative)) { Content = new ByteArrayContent([0, 0, 0, 0, 0]) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var response = await client.SendAsync(request);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual("image/png", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task EvaluateEntries_RealCall_AnsweredWithNoCookieAndNoPageHeaders()
    {
        using var client = host.CreateGrpcClient();
        var token = host.Tokens.MintSupplier("pipeline", ["gate.evaluate"], ["A81001"], DateTimeOffset.UtcNow.AddMinutes(-1), TimeSpan.FromMinutes(10));
        var request = new EvaluateEntriesRequest { NhsNumber = DemoPatient };
        request.Entries.Add(new Entry { Id = "e1", RecordedDate = "2024-01-02", Kind = EntryKind.Consultation, Status = EntryStatus.Final });

        var result = await client.RawCallAsync("/recordaccess.v1.RecordAccessGate/EvaluateEntries", request, ("authorization", "Bearer " + token));

        Assert.Equal(0, result.StatusCode);
        Assert.Single(Assert.Single(result.Parse(EvaluateEntriesResponse.Parser)).Decisions);
        Assert.False(result.Headers.Contains("Set-Cookie"));
        Assert.False(result.Headers.Contains("X-Frame-Options"));
        Assert.False(result.Headers.Contains("Referrer-Policy"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("application/grpc")]
    public async Task StaffPage_AnyContentType_KeepsNoStoreAndFramingHeaders(string? contentType)
    {
        using var client = Http11();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/signed-out", UriKind.Relative));
        if (contentType is not null)
        {
            request.Content = new ByteArrayContent([]);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    private HttpClient Http11()
    {
        host.StartServer();
        return new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false })
        {
            BaseAddress = host.HttpAddress,
            DefaultRequestVersion = HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }
}
