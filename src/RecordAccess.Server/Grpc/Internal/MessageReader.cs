using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using Google.Protobuf;

namespace RecordAccess.Server.Grpc.Internal;

/// <summary>
/// Reads length-prefixed messages from a request body. Every way a body can be wrong ends in an
/// <see cref="RpcException"/> with a message that says what was wrong, never in a crash.
/// </summary>
internal sealed class MessageReader(PipeReader body, int maxMessageSize, string? requestEncoding)
{
    /// <summary>Reads the next message, or returns null when the client has ended the request stream cleanly.</summary>
    public async ValueTask<T?> ReadAsync<T>(MessageParser<T> parser, CancellationToken cancellationToken)
        where T : class, IMessage<T>
    {
        while (true)
        {
            var result = await body.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (TryReadFrame(buffer, out var payload, out var frameLength, out var compressed))
            {
                try
                {
                    return Parse(parser, compressed ? GzipMessage.Decompress(payload, maxMessageSize) : payload);
                }
                finally
                {
                    body.AdvanceTo(buffer.GetPosition(frameLength));
                }
            }

            if (result.IsCompleted)
            {
                var incomplete = buffer.IsEmpty ? null : Incomplete(buffer);
                body.AdvanceTo(buffer.End);
                return incomplete is null ? null : throw incomplete;
            }

            if (result.IsCanceled)
            {
                throw new OperationCanceledException(cancellationToken);
            }

            body.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private bool TryReadFrame(ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> payload, out long frameLength, out bool compressed)
    {
        payload = default;
        frameLength = 0;
        compressed = false;
        if (buffer.Length < GrpcProtocol.MessageHeaderSize)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[GrpcProtocol.MessageHeaderSize];
        buffer.Slice(0, GrpcProtocol.MessageHeaderSize).CopyTo(header);
        var flag = header[0];
        var length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);

        if (flag > 1)
        {
            throw new RpcException(StatusCode.Internal,
                $"Malformed request frame: compressed-flag is {flag}; it must be 0 or 1.");
        }

        compressed = flag == 1;
        if (compressed && !string.Equals(requestEncoding, GzipMessage.Encoding, StringComparison.OrdinalIgnoreCase))
        {
            throw CompressedMessage();
        }

        if (length > maxMessageSize)
        {
            throw new RpcException(StatusCode.ResourceExhausted,
                $"Received message of {length} bytes exceeds the maximum configured message size of {maxMessageSize} bytes.");
        }

        frameLength = GrpcProtocol.MessageHeaderSize + length;
        if (buffer.Length < frameLength)
        {
            return false;
        }

        payload = buffer.Slice(GrpcProtocol.MessageHeaderSize, length);
        return true;
    }

    private RpcException CompressedMessage()
    {
        if (requestEncoding is null || string.Equals(requestEncoding, GrpcProtocol.IdentityEncoding, StringComparison.OrdinalIgnoreCase))
        {
            return new RpcException(StatusCode.Internal,
                "Malformed request frame: the message is flagged as compressed but the request has no grpc-encoding.");
        }

        return new RpcException(StatusCode.Unimplemented,
            $"Message compression '{requestEncoding}' is not supported; this server accepts: {GrpcProtocol.SupportedEncodings}.");
    }

    private static RpcException Incomplete(ReadOnlySequence<byte> buffer)
    {
        if (buffer.Length < GrpcProtocol.MessageHeaderSize)
        {
            return new RpcException(StatusCode.Internal,
                $"Incomplete message: the request ended inside a frame header ({buffer.Length} of {GrpcProtocol.MessageHeaderSize} bytes).");
        }

        Span<byte> header = stackalloc byte[GrpcProtocol.MessageHeaderSize];
        buffer.Slice(0, GrpcProtocol.MessageHeaderSize).CopyTo(header);
        var length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        return new RpcException(StatusCode.Internal,
            $"Incomplete message: the frame header announced {length} bytes but the request ended after {buffer.Length - GrpcProtocol.MessageHeaderSize}.");
    }

    private static T Parse<T>(MessageParser<T> parser, ReadOnlySequence<byte> payload)
        where T : IMessage<T>
    {
        try
        {
            return parser.ParseFrom(payload);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new RpcException(StatusCode.Internal,
                $"The request message is not a valid {typeof(T).Name} (protobuf): {ex.Message}");
        }
    }
}
