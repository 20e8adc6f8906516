namespace RecordAccess.Server.Grpc.Internal;

/// <summary>Names and checks of the gRPC over HTTP/2 protocol (grpc/grpc doc/PROTOCOL-HTTP2.md).</summary>
internal static class GrpcProtocol
{
    public const string ContentType = "application/grpc";
    public const string StatusTrailer = "grpc-status";
    public const string MessageTrailer = "grpc-message";
    public const string TimeoutHeader = "grpc-timeout";
    public const string EncodingHeader = "grpc-encoding";
    public const string AcceptEncodingHeader = "grpc-accept-encoding";
    public const string IdentityEncoding = "identity";

    /// <summary>The compression this server accepts on request messages (it sends responses uncompressed).</summary>
    public const string SupportedEncodings = IdentityEncoding + "," + GzipMessage.Encoding;

    /// <summary>Length-prefixed message header: 1 byte compressed-flag, 4 bytes big-endian length.</summary>
    public const int MessageHeaderSize = 5;

    /// <summary>
    /// True for <c>application/grpc</c>, <c>application/grpc+proto</c> and either with parameters.
    /// Other subtypes (<c>+json</c>, custom) are not served: this server speaks protobuf only.
    /// </summary>
    public static bool IsGrpcContentType(string? contentType)
    {
        if (contentType is null || !contentType.StartsWith(ContentType, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var rest = contentType.AsSpan(ContentType.Length);
        if (rest.StartsWith("+proto", StringComparison.OrdinalIgnoreCase))
        {
            rest = rest["+proto".Length..];
        }

        rest = rest.TrimStart(' ');
        return rest.IsEmpty || rest[0] == ';';
    }

    /// <summary>
    /// Caller-supplied text quoted in a grpc-message, cut to a length every client's header limit allows
    /// (a long name must not turn a clear error into a failed response).
    /// </summary>
    public static string Quote(string text, int maxLength = 200) =>
        text.Length <= maxLength ? text : string.Concat(text.AsSpan(0, maxLength), "...");

    /// <summary>gRPC needs HTTP/2 (for trailers and full-duplex streams).</summary>
    public static bool IsHttp2OrLater(string protocol) =>
        HttpProtocol.IsHttp2(protocol) || HttpProtocol.IsHttp3(protocol);
}
