using Grpc.Health.V1;
using Microsoft.Extensions.DependencyInjection;
using RecordAccess.Server.Health;
using RecordAccess.Server.Tests.Infrastructure;
using Xunit;
using WireStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace RecordAccess.Server.Tests.Health;

/// <summary>grpc.health.v1.Health over the wire, in memory and on Kestrel.</summary>
public abstract class HealthTests(ServerHost host) : IDisposable
{
    private readonly HttpClient _client = host.CreateGrpcClient();

    private HealthStatusRegistry Registry => host.Services.GetRequiredService<HealthStatusRegistry>();

    public void Dispose()
    {
        _client.Dispose();
        GC.SuppressFinalize(this);
    }

    [Theory]
    [InlineData("")]
    [InlineData("grpc.health.v1.Health")]
    [InlineData("recordaccess.testing.v1.Echo")]
    public async Task Check_ServerOrMappedService_ReturnsServing(string service)
    {
        var result = await _client.CallAsync(GrpcCalls.Health + "Check", new HealthCheckRequest { Service = service });

        Assert.Equal(0, result.StatusCode);
        Assert.Equal(WireStatus.Serving, Assert.Single(result.Parse(HealthCheckResponse.Parser)).Status);
    }

    [Fact]
    public async Task Check_UnknownService_ReturnsNotFound()
    {
        var result = await _client.CallAsync(GrpcCalls.Health + "Check", new HealthCheckRequest { Service = "no.such.Service" });

        Assert.Equal(5, result.StatusCode);
        Assert.Equal("Unknown service 'no.such.Service'.", result.StatusMessage);
    }

    [Fact]
    public async Task Check_VeryLongUnknownName_QuotesItShortened()
    {
        var result = await _client.CallAsync(GrpcCalls.Health + "Check", new HealthCheckRequest { Service = new string('n', 50_000) });

        Assert.Equal(5, result.StatusCode);
        Assert.Equal($"Unknown service '{new string('n', 200)}...'.", result.StatusMessage);
    }

    [Fact]
    public async Task Check_ServiceSetNotServing_ReturnsNotServing()
    {
        var service = $"check-{Guid.NewGuid()}";
        Registry.SetStatus(service, HealthStatus.NotServing);

        var result = await _client.CallAsync(GrpcCalls.Health + "Check", new HealthCheckRequest { Service = service });

        Assert.Equal(WireStatus.NotServing, Assert.Single(result.Parse(HealthCheckResponse.Parser)).Status);
    }

    [Fact]
    public async Task Watch_StatusChanges_SendsCurrentThenEachChange()
    {
        var service = $"watch-{Guid.NewGuid()}";
        Registry.SetStatus(service, HealthStatus.Serving);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var request = GrpcCalls.Request(GrpcCalls.Health + "Watch", new ByteArrayContent(Frames.Of(new HealthCheckRequest { Service = service })));
        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        var stream = await response.Content.ReadAsStreamAsync(cts.Token);

        var first = await NextAsync(stream, cts.Token);
        Registry.SetStatus(service, HealthStatus.NotServing);
        var second = await NextAsync(stream, cts.Token);
        Registry.SetStatus(service, HealthStatus.Serving);
        var third = await NextAsync(stream, cts.Token);

        Assert.Equal([WireStatus.Serving, WireStatus.NotServing, WireStatus.Serving], [first, second, third]);
    }

    [Fact]
    public async Task Watch_UnknownService_SendsServiceUnknownThenServingOnceKnown()
    {
        var service = $"later-{Guid.NewGuid()}";
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var request = GrpcCalls.Request(GrpcCalls.Health + "Watch", new ByteArrayContent(Frames.Of(new HealthCheckRequest { Service = service })));
        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        var stream = await response.Content.ReadAsStreamAsync(cts.Token);

        var first = await NextAsync(stream, cts.Token);
        Registry.SetStatus(service, HealthStatus.Serving);
        var second = await NextAsync(stream, cts.Token);

        Assert.Equal([WireStatus.ServiceUnknown, WireStatus.Serving], [first, second]);
    }

    private static async Task<WireStatus> NextAsync(Stream stream, CancellationToken cancellationToken)
    {
        var payload = await Frames.ReadAsync(stream, cancellationToken) ?? throw new InvalidOperationException("Watch ended early.");
        return HealthCheckResponse.Parser.ParseFrom(payload).Status;
    }
}

public sealed class InMemoryHealthTests(InMemoryHost host) : HealthTests(host), IClassFixture<InMemoryHost>;

public sealed class KestrelHealthTests(KestrelHost host) : HealthTests(host), IClassFixture<KestrelHost>;
