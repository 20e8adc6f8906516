using Google.Protobuf;

namespace RecordAccess.Server.Grpc.Internal;

internal sealed class DuplexStreamingMethodHandler<TService, TRequest, TResponse>(
    GrpcMethod method,
    GrpcCallEnvironment environment,
    MessageParser<TRequest> parser,
    Func<TService, IAsyncEnumerable<TRequest>, IServerStreamWriter<TResponse>, ServerCallContext, Task> invoker)
    : ServiceMethodHandler<TService, TRequest>(method, environment, parser)
    where TService : class
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    protected override Task InvokeAsync(TService service, ServerCall call) =>
        invoker(service, RequestStream.Read(call, Parser), new ResponseStreamWriter<TResponse>(call), call.Context);
}
