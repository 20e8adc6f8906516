namespace RecordAccess.Server.Grpc.Internal;

/// <summary>The wire layer's log events. Event ids are stable: dashboards and alerts key on them.</summary>
internal static partial class GrpcServerLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Request protocol '{Protocol}' is not supported for gRPC; HTTP/2 is required.")]
    public static partial void UnsupportedProtocol(ILogger logger, string protocol);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Request content-type '{ContentType}' is not supported for gRPC.")]
    public static partial void UnsupportedContentType(ILogger logger, string? contentType);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Call to unimplemented method '{Path}'.")]
    public static partial void UnimplementedMethod(ILogger logger, string path);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Invalid grpc-timeout value '{Timeout}' ignored.")]
    public static partial void InvalidTimeout(ILogger logger, string timeout);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Call {Method} exceeded its deadline of {Timeout}.")]
    public static partial void DeadlineExceeded(ILogger logger, string method, TimeSpan timeout);

    [LoggerMessage(EventId = 6, Level = LogLevel.Debug, Message = "Call {Method} was cancelled by the client.")]
    public static partial void CancelledByClient(ILogger logger, string method);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "Call {Method} ended with status {StatusCode}: {Detail}")]
    public static partial void ErrorStatus(ILogger logger, string method, StatusCode statusCode, string detail);

    [LoggerMessage(EventId = 8, Level = LogLevel.Error, Message = "Call {Method} failed: the handler threw an unexpected exception.")]
    public static partial void HandlerFailed(ILogger logger, string method, Exception exception);

    [LoggerMessage(EventId = 9, Level = LogLevel.Debug, Message = "Call {Method}: could not send the status because the client has gone.")]
    public static partial void StatusNotSent(ILogger logger, string method, Exception exception);

    [LoggerMessage(EventId = 10, Level = LogLevel.Debug, Message = "Call {Method} completed with status OK.")]
    public static partial void Completed(ILogger logger, string method);
}
