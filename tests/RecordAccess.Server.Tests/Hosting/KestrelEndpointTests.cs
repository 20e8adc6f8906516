using System.Net;
using Grpc.Health.V1;
using RecordAccess.Server.Tests.Infrastructure;
using Xunit;

namespace RecordAccess.Server.Tests.Hosting;

/// <summary>The two Kestrel endpoints from appsettings.json: HTTP/2-only (h2c) for gRPC, HTTP/1.1 for pages and FHIR.</summary>
public sealed class KestrelEndpointTests(KestrelHost host) : IClassFixture<KestrelHost>
{
    [Fact]
    public async Task GrpcEndpoint_Http2PriorKnowledge_ServesGrpc()
    {
        using var client = host.CreateGrpcClient();

        var result = await client.CallAsync(GrpcCalls.Health + "Check", new HealthCheckRequest());

        Assert.Equal(0, result.StatusCode);
    }

    [Fact]
    public async Task GrpcEndpoint_Http11Request_IsRefusedByKestrel()
    {
        host.StartServer();
        using var client = new HttpClient { BaseAddress = host.GrpcAddress, Timeout = TimeSpan.FromSeconds(10) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/") { Version = HttpVersion.Version11, VersionPolicy = HttpVersionPolicy.RequestVersionExact };

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("An HTTP/1.x request was sent to an HTTP/2 only endpoint.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task HttpEndpoint_Http11Request_IsServedAsHttp11()
    {
        host.StartServer();
        using var client = new HttpClient { BaseAddress = host.HttpAddress, Timeout = TimeSpan.FromSeconds(10) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/no-such-page") { Version = HttpVersion.Version11, VersionPolicy = HttpVersionPolicy.RequestVersionExact };

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpVersion.Version11, response.Version);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task HttpEndpoint_GrpcCallOverHttp11_Returns426UpgradeRequired()
    {
        host.StartServer();
        using var client = new HttpClient { BaseAddress = host.HttpAddress, Timeout = TimeSpan.FromSeconds(10) };
        using var request = GrpcCalls.Request(GrpcCalls.Health + "Check", new ByteArrayContent(Frames.Of(new HealthCheckRequest())));
        request.Version = HttpVersion.Version11;

        var result = await client.SendAndReadAsync(request);

        Assert.Equal(HttpStatusCode.UpgradeRequired, result.HttpStatus);
        Assert.Equal(13, result.StatusCode);
    }
}
