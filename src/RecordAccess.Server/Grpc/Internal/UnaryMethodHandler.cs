using Google.Protobuf;

namespace RecordAccess.Server.Grpc.Internal;

internal sealed class UnaryMethodHandler<TService, TRequest, TResponse>(
    GrpcMethod method,
    GrpcCallEnvironment environment,
    MessageParser<TRequest> parser,
    Func<TService, TRequest, ServerCallContext, Task<TResponse>> invoker)
    : ServiceMethodHandler<TService, TRequest>(method, environment, parser)
    where TService : class
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    protected override async Task InvokeAsync(TService service, ServerCall call)
    {
        var request = await call.ReadSingleMessageAsync(Parser).ConfigureAwait(false);
        var response = await invoker(service, request, call.Context).ConfigureAwait(false);
        await call.WriteMessageAsync(response, flush: false).ConfigureAwait(false);
    }
}
