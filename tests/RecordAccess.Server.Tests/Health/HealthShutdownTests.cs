using Grpc.Health.V1;
using RecordAccess.Server.Tests.Infrastructure;
using Xunit;
using WireStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace RecordAccess.Server.Tests.Health;

public sealed class HealthShutdownTests
{
    [Fact]
    public async Task Watch_ServerStops_SendsNotServingThenUnavailable()
    {
        var host = new KestrelHost();
        using var client = host.CreateGrpcClient();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var request = GrpcCalls.Request(GrpcCalls.Health + "Watch", new ByteArrayContent(Frames.Of(new HealthCheckRequest())));
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        var stream = await response.Content.ReadAsStreamAsync(cts.Token);
        var first = HealthCheckResponse.Parser.ParseFrom(await Frames.ReadAsync(stream, cts.Token));

        var stopping = host.DisposeAsync().AsTask();
        var second = HealthCheckResponse.Parser.ParseFrom(await Frames.ReadAsync(stream, cts.Token));
        var end = await Frames.ReadAsync(stream, cts.Token);
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(WireStatus.Serving, first.Status);
        Assert.Equal(WireStatus.NotServing, second.Status);
        Assert.Null(end);
        Assert.Equal("14", response.TrailingHeaders.GetValues("grpc-status").Single());
    }
}
