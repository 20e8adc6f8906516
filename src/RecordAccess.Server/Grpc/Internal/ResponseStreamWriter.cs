using Google.Protobuf;

namespace RecordAccess.Server.Grpc.Internal;

/// <summary>Each write is one framed message, flushed at once so the client sees it without waiting for the next.</summary>
internal sealed class ResponseStreamWriter<T>(ServerCall call) : IServerStreamWriter<T>
    where T : class, IMessage<T>
{
    public Task WriteAsync(T message) => call.WriteMessageAsync(message, flush: true);
}
