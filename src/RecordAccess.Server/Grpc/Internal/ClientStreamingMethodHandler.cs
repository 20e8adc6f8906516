using Google.Protobuf;

namespace RecordAccess.Server.Grpc.Internal;

internal sealed class ClientStreamingMethodHandler<TService, TRequest, TResponse>(
    GrpcMethod method,
    GrpcCallEnvironment environment,
    MessageParser<TRequest> parser,
    Func<TService, IAsyncEnumerable<TRequest>, ServerCallContext, Task<TResponse>> invoker)
    : ServiceMethodHandler<TService, TRequest>(method, environment, parser)
    where TService : class
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    protected override async Task InvokeAsync(TService service, ServerCall call)
    {
        var response = await invoker(service, RequestStream.Read(call, Parser), call.Context).ConfigureAwait(false);
        await call.WriteMessageAsync(response, flush: false).ConfigureAwait(false);
    }
}
