using System.Runtime.CompilerServices;
using Google.Protobuf;

namespace RecordAccess.Server.Grpc.Internal;

/// <summary>The request messages of a client-streaming or duplex call, as an async sequence that ends at half-close.</summary>
internal static class RequestStream
{
    public static async IAsyncEnumerable<T> Read<T>(ServerCall call, MessageParser<T> parser, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where T : class, IMessage<T>
    {
        while (await call.ReadMessageAsync(parser).ConfigureAwait(false) is { } message)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return message;
        }
    }
}
