using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;

namespace RecordAccess.Server.Tests.Infrastructure;

/// <summary>A finished call as seen on the wire: HTTP status, headers, message payloads, trailers.</summary>
internal sealed record GrpcResult(
    HttpStatusCode HttpStatus,
    HttpResponseHeaders Headers,
    HttpContentHeaders ContentHeaders,
    IReadOnlyList<byte[]> Messages,
    HttpResponseHeaders Trailers)
{
    /// <summary>The status was in the one HEADERS frame (no messages, no separate trailers).</summary>
    public bool IsTrailersOnly => Headers.Contains("grpc-status") && !Trailers.Contains("grpc-status");

    public int? StatusCode => Value("grpc-status") is { } code ? int.Parse(code, System.Globalization.CultureInfo.InvariantCulture) : null;

    /// <summary>The grpc-message exactly as sent (percent-encoded).</summary>
    public string? RawStatusMessage => Value("grpc-message");

    public string? StatusMessage => RawStatusMessage is { } raw ? Uri.UnescapeDataString(raw) : null;

    public IReadOnlyList<T> Parse<T>(MessageParser<T> parser)
        where T : IMessage<T> => [.. Messages.Select(parser.ParseFrom)];

    public string? Value(string name) =>
        Trailers.TryGetValues(name, out var fromTrailers) ? fromTrailers.First()
        : Headers.TryGetValues(name, out var fromHeaders) ? fromHeaders.First()
        : null;

    public override string ToString() =>
        $"HTTP {(int)HttpStatus}, grpc-status {StatusCode}, grpc-message '{StatusMessage}', {Messages.Count} message(s)";
}
