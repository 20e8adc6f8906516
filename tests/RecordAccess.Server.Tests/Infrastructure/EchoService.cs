using RecordAccess.Server.Grpc;
using RecordAccess.Server.Tests.Echo;

namespace RecordAccess.Server.Tests.Infrastructure;

/// <summary>The test-only service behind recordaccess.testing.v1.Echo.</summary>
internal sealed class EchoService(CallProbe probe) : IGrpcService<EchoService>
{
    public static string ServiceName => "recordaccess.testing.v1.Echo";

    public static void Bind(GrpcServiceBinder<EchoService> binder)
    {
        binder.Unary<EchoRequest, EchoReply>("Unary", EchoRequest.Parser, (s, r, c) => s.UnaryAsync(r, c));
        binder.ServerStreaming<EchoRequest, EchoReply>("ServerStream", EchoRequest.Parser, (s, r, w, c) => s.ServerStreamAsync(r, w, c));
        binder.ClientStreaming<EchoRequest, EchoReply>("ClientStream", EchoRequest.Parser, (s, r, c) => s.ClientStreamAsync(r, c));
        binder.DuplexStreaming<EchoRequest, EchoReply>("Duplex", EchoRequest.Parser, (s, r, w, c) => s.DuplexAsync(r, w, c));
        binder.Unary<EchoRequest, EchoReply>("WaitForCancellation", EchoRequest.Parser, (s, r, c) => s.WaitForCancellationAsync(r, c));
    }

    private async Task<EchoReply> UnaryAsync(EchoRequest request, ServerCallContext context)
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
            context.ResponseHeaders.Add("echo-header", "from-handler");
            context.ResponseTrailers.Add("echo-trailer", "after-message");
            context.ResponseTrailers.Add("echo-trailer-bin", [0, 1, 2, 255]);
        }

        FailIfAsked(request);
        return Reply(request, 0, context);
    }

    private async Task ServerStreamAsync(EchoRequest request, IServerStreamWriter<EchoReply> writer, ServerCallContext context)
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

    private async Task<EchoReply> ClientStreamAsync(IAsyncEnumerable<EchoRequest> requests, ServerCallContext context)
    {
        var texts = new List<string>();
        await foreach (var request in requests)
        {
            FailIfAsked(request);
            texts.Add(request.Text);
        }

        return new EchoReply { Text = string.Join(",", texts), Count = texts.Count, Authorization = context.Authorization ?? "" };
    }

    private async Task DuplexAsync(IAsyncEnumerable<EchoRequest> requests, IServerStreamWriter<EchoReply> writer, ServerCallContext context)
    {
        var index = 0;
        await foreach (var request in requests)
        {
            FailIfAsked(request);
            await writer.WriteAsync(Reply(request, index++, context));
        }
    }

    private async Task<EchoReply> WaitForCancellationAsync(EchoRequest request, ServerCallContext context)
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
            throw new RpcException((StatusCode)request.FailCode, request.FailMessage);
        }
    }

    private static EchoReply Reply(EchoRequest request, int index, ServerCallContext context) => new()
    {
        Text = request.Text,
        Index = index,
        Authorization = context.Authorization ?? "",
        Padding = Google.Protobuf.ByteString.CopyFrom(new byte[request.ReplyPadding]),
    };
}
