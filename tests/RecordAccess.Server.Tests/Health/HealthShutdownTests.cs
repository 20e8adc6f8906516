using Grpc.Core;
using Grpc.Health.V1;
using RecordAccess.Server.Tests.Infrastructure;
using Xunit;
using WireStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace RecordAccess.Server.Tests.Health;

public sealed class HealthShutdownTests
{
    [Fact]
    public async Task Watch_ServerStops_SendsNotServingThenEnds()
    {
        var host = new KestrelHost();
        using var channel = host.CreateChannel();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var call = new global::Grpc.Health.V1.Health.HealthClient(channel).Watch(new HealthCheckRequest(), cancellationToken: cts.Token);
        Assert.True(await call.ResponseStream.MoveNext(cts.Token));
        var first = call.ResponseStream.Current.Status;

        var stopping = host.DisposeAsync().AsTask();
        var statuses = new List<WireStatus>();
        try
        {
            while (await call.ResponseStream.MoveNext(cts.Token))
            {
                statuses.Add(call.ResponseStream.Current.Status);
            }
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable)
        {
            // The stream may also end with UNAVAILABLE as the connection closes; either way it ends.
        }

        await stopping.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(WireStatus.Serving, first);
        Assert.Equal(WireStatus.NotServing, statuses.Last());
    }
}
