using Grpc.Core;
using Grpc.Core.Interceptors;
using RecordAccess.Core.Policy.Audit;
using RecordAccess.Server.Hosting;
using RecordAccess.Server.Policy;

namespace RecordAccess.Server.Identity;

/// <summary>
/// Runs around every call of the gate and admin services, before the handler reads a message: maps the caller
/// (UNAUTHENTICATED, saying what was wrong with the token, before any request message is read or buffered), and
/// translates the exceptions that are not the handler's own refusals into statuses: an audit that cannot be
/// written is UNAVAILABLE (fail closed; nothing was answered), and so is a policy state not loaded or not fresh.
/// </summary>
internal sealed partial class CallerInterceptor(ILogger<CallerInterceptor> logger) : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation) =>
        GuardAsync(context, () => continuation(request, context));

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation) =>
        GuardAsync(context, () => continuation(requestStream, context));

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation) =>
        GuardAsync(context, async () =>
        {
            await continuation(request, responseStream, context).ConfigureAwait(false);
            return true;
        });

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation) =>
        GuardAsync(context, async () =>
        {
            await continuation(requestStream, responseStream, context).ConfigureAwait(false);
            return true;
        });

    /// <summary>The caller first (UNAUTHENTICATED before any message is read), then the handler, its audit failure UNAVAILABLE.</summary>
    private async Task<T> GuardAsync<T>(ServerCallContext context, Func<Task<T>> handler)
    {
        context.GetCaller();
        try
        {
            return await handler().ConfigureAwait(false);
        }
        catch (AuditUnavailableException e)
        {
            throw Unavailable(context, e);
        }
        catch (PolicyUnavailableException e)
        {
            throw RpcErrors.Of(StatusCode.Unavailable, e.Message);
        }
    }

    private RpcException Unavailable(ServerCallContext context, AuditUnavailableException exception)
    {
        LogAuditUnavailable(logger, context.Method, exception);
        return RpcErrors.Of(StatusCode.Unavailable, "The decision audit could not be written, so nothing was decided (fail closed); retry.");
    }

    [LoggerMessage(EventId = 402, Level = LogLevel.Error, Message = "{Method}: the audit store refused a write; answered UNAVAILABLE")]
    private static partial void LogAuditUnavailable(ILogger logger, string method, Exception exception);
}
