using Google.Protobuf;

namespace RecordAccess.Server.Grpc.Internal;

internal sealed class ServerStreamingMethodHandler<TService, TRequest, TResponse>(
    GrpcMethod method,
    GrpcCallEnvironment environment,
    MessageParser<TRequest> parser,
    Func<TService, TRequest, IServerStreamWriter<TResponse>, ServerCallContext, Task> invoker)
    : ServiceMethodHandler<TService, TRequest>(method, environment, parser)
    where TService : class
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    protected override async Task InvokeAsync(TService service, ServerCall call)
    {
        var request = await call.ReadSingleMessageAsync(Parser).ConfigureAwait(false);
        await invoker(service, request, new ResponseStreamWriter<TResponse>(call), call.Context).ConfigureAwait(false);
    }
}
