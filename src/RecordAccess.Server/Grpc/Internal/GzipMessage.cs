using System.Buffers;
using System.IO.Compression;

namespace RecordAccess.Server.Grpc.Internal;

/// <summary>Decompresses a request message sent with <c>grpc-encoding: gzip</c>, never past the receive limit.</summary>
internal static class GzipMessage
{
    public const string Encoding = "gzip";

    public static ReadOnlySequence<byte> Decompress(ReadOnlySequence<byte> payload, int maxMessageSize)
    {
        using var compressed = new MemoryStream(payload.ToArray(), writable: false);
        using var gzip = new GZipStream(compressed, CompressionMode.Decompress);
        using var output = new MemoryStream();
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = gzip.Read(buffer)) > 0)
            {
                if (output.Length + read > maxMessageSize)
                {
                    // Checked while inflating: a small "gzip bomb" never grows past the limit in memory.
                    throw new RpcException(StatusCode.ResourceExhausted,
                        $"Received message exceeds the maximum configured message size of {maxMessageSize} bytes once decompressed.");
                }

                output.Write(buffer, 0, read);
            }
        }
        catch (InvalidDataException ex)
        {
            throw new RpcException(StatusCode.Internal, $"The request message could not be decompressed (gzip): {ex.Message}");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return new ReadOnlySequence<byte>(output.GetBuffer(), 0, (int)output.Length);
    }
}
