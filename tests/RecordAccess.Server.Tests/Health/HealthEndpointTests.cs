using System.Net;
using RecordAccess.Server.Tests.Infrastructure;
using Xunit;

namespace RecordAccess.Server.Tests.Health;

/// <summary>
/// The orchestrator's probes (decision 0078): <c>/healthz/live</c> and <c>/healthz/ready</c> answer 200 with a
/// plain-text status, without a token, in memory and over HTTP/1.1 on real Kestrel. Readiness going 503 while the log
/// cannot be read is in <see cref="StalenessFailsClosedTests"/>.
/// </summary>
public sealed class HealthEndpointTests(KestrelHost kestrel) : IClassFixture<KestrelHost>
{
    [Theory]
    [InlineData("/healthz/live")]
    [InlineData("/healthz/ready")]
    public async Task Probe_InMemoryNoToken_200Healthy(string path)
    {
        using var host = new AdminHost();
        using var client = host.CreateClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal((HttpStatusCode.OK, "Healthy"), (response.StatusCode, await response.Content.ReadAsStringAsync()));
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/healthz/live")]
    [InlineData("/healthz/ready")]
    public async Task Probe_KestrelHttp11NoToken_200Healthy(string path)
    {
        kestrel.StartServer();
        using var client = new HttpClient { BaseAddress = kestrel.HttpAddress, DefaultRequestVersion = HttpVersion.Version11 };

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal((HttpStatusCode.OK, HttpVersion.Version11), (response.StatusCode, response.Version));
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal); // never cached (the pages' no-store covers the probes too)
    }
}
