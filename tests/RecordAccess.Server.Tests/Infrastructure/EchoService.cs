using Grpc.Core;
using RecordAccess.Server.Tests.Echo;

namespace RecordAccess.Server.Tests.Infrastructure;

/// <summary>The test-only service behind recordaccess.testing.v1.Echo.</summary>
internal sealed class EchoService(CallProbe probe) : Echo.Echo.EchoBase
{
    public override async Task<EchoReply> Unary(EchoRequest request, ServerCallContext context)
    {
        if (request.HoldUntilReleased)
        {
            var entry = probe.For(request.Text);
            entry.Started.TrySetResult();
            await entry.Release.Task;
            entry.Finished.TrySetResult();
            return Reply(request, 0, context);
        }

        if (request.DelayMs > 0)
        {
            await Task.Delay(request.DelayMs, context.CancellationToken);
        }

        if (request.Text.StartsWith("metadata", StringComparison.Ordinal))
        {
            await context.WriteResponseHeadersAsync(new Metadata { { "echo-header", "from-handler" } });
            context.ResponseTrailers.Add("echo-trailer", "after-message");
            context.ResponseTrailers.Add("echo-trailer-bin", [0, 1, 2, 255]);
        }

        FailIfAsked(request);
        return Reply(request, 0, context);
    }

    public override async Task ServerStream(EchoRequest request, IServerStreamWriter<EchoReply> writer, ServerCallContext context)
    {
        try
        {
            for (var i = 0; i < request.Repeat; i++)
            {
                if (request.FailCode != 0 && i == request.FailAfter)
                {
                    FailIfAsked(request);
                }

                await writer.WriteAsync(Reply(request, i, context));
                if (request.DelayMs > 0)
                {
                    await Task.Delay(request.DelayMs, context.CancellationToken);
                }
            }

            FailIfAsked(request);
        }
        finally
        {
            probe.For(request.Text).Finished.TrySetResult();
        }
    }

    public override async Task<EchoReply> ClientStream(IAsyncStreamReader<EchoRequest> requests, ServerCallContext context)
    {
        var texts = new List<string>();
        await foreach (var request in requests.ReadAllAsync())
        {
            FailIfAsked(request);
            texts.Add(request.Text);
        }

        return new EchoReply { Text = string.Join(",", texts), Count = texts.Count, Authorization = Authorization(context) };
    }

    public override async Task Duplex(IAsyncStreamReader<EchoRequest> requests, IServerStreamWriter<EchoReply> writer, ServerCallContext context)
    {
        var index = 0;
        await foreach (var request in requests.ReadAllAsync())
        {
            FailIfAsked(request);
            await writer.WriteAsync(Reply(request, index++, context));
        }
    }

    public override async Task<EchoReply> WaitForCancellation(EchoRequest request, ServerCallContext context)
    {
        var entry = probe.For(request.Text);
        entry.Started.TrySetResult();
        try
        {
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
        }
        catch (OperationCanceledException)
        {
            entry.Cancelled.TrySetResult();
            throw;
        }

        return new EchoReply();
    }

    private static void FailIfAsked(EchoRequest request)
    {
        if (request.FailCode != 0)
        {
            throw new RpcException(new Status((StatusCode)request.FailCode, request.FailMessage));
        }
    }

    private static EchoReply Reply(EchoRequest request, int index, ServerCallContext context) => new()
    {
        Text = request.Text,
        Index = index,
        Authorization = Authorization(context),
        Padding = Google.Protobuf.ByteString.CopyFrom(new byte[request.ReplyPadding]),
    };

    private static string Authorization(ServerCallContext context) => context.RequestHeaders.GetValue("authorization") ?? "";
}
