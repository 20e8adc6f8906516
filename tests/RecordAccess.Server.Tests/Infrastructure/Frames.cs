using System.Buffers.Binary;
using Google.Protobuf;

namespace RecordAccess.Server.Tests.Infrastructure;

/// <summary>Builds gRPC length-prefixed frames by hand, including wrong ones.</summary>
internal static class Frames
{
    public static byte[] Of(IMessage message) => Of(message.ToByteArray());

    public static byte[] Of(byte[] payload, byte compressedFlag = 0, uint? declaredLength = null)
    {
        var frame = new byte[5 + payload.Length];
        frame[0] = compressedFlag;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), declaredLength ?? (uint)payload.Length);
        payload.CopyTo(frame, 5);
        return frame;
    }

    public static byte[] Concat(params byte[][] frames) => [.. frames.SelectMany(f => f)];

    /// <summary>Reads one frame from a response stream, or null at its end.</summary>
    public static async Task<byte[]?> ReadAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        var header = new byte[5];
        var read = await ReadFullyAsync(stream, header, cancellationToken);
        if (read == 0)
        {
            return null;
        }

        if (read < 5)
        {
            throw new InvalidDataException($"Response ended inside a frame header ({read} bytes).");
        }

        if (header[0] != 0)
        {
            throw new InvalidDataException("Response message is flagged compressed.");
        }

        var payload = new byte[BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(1))];
        if (await ReadFullyAsync(stream, payload, cancellationToken) < payload.Length)
        {
            throw new InvalidDataException("Response ended inside a message.");
        }

        return payload;
    }

    private static async Task<int> ReadFullyAsync(Stream stream, byte[] buffer, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }
}
