using Microsoft.Net.Http.Headers;

namespace RecordAccess.Server.Grpc;

/// <summary>What a handler knows about its call: who asked (metadata), until when (deadline), and whether to stop.</summary>
internal sealed class ServerCallContext
{
    private Metadata? _requestHeaders;

    internal ServerCallContext(HttpContext httpContext, string method, DateTimeOffset? deadline, CancellationToken cancellationToken)
    {
        HttpContext = httpContext;
        Method = method;
        Deadline = deadline;
        CancellationToken = cancellationToken;
    }

    /// <summary>The full method path, e.g. <c>/grpc.health.v1.Health/Check</c>.</summary>
    public string Method { get; }

    /// <summary>The underlying HTTP/2 request (for request services, user and connection details).</summary>
    public HttpContext HttpContext { get; }

    /// <summary>The request's custom metadata (includes <c>authorization</c>; excludes <c>grpc-*</c> and HTTP's own headers).</summary>
    public Metadata RequestHeaders => _requestHeaders ??= Metadata.FromRequestHeaders(HttpContext.Request.Headers);

    /// <summary>The <c>authorization</c> header as sent (e.g. <c>Bearer eyJ...</c>), or null.</summary>
    public string? Authorization => HttpContext.Request.Headers[HeaderNames.Authorization] is { Count: > 0 } value ? value.ToString() : null;

    /// <summary>When the client stops waiting (from <c>grpc-timeout</c>), or null if it set none.</summary>
    public DateTimeOffset? Deadline { get; }

    /// <summary>Cancelled when the client cancels (RST_STREAM), the connection drops, or the deadline passes.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>Custom response headers; sent with the first message or the status, whichever comes first.</summary>
    public Metadata ResponseHeaders { get; } = new();

    /// <summary>Custom trailers; sent with the status.</summary>
    public Metadata ResponseTrailers { get; } = new();
}
