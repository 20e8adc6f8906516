using Google.Protobuf;
using RecordAccess.Server.Grpc.Internal;

namespace RecordAccess.Server.Grpc;

/// <summary>Collects the methods of one service: name, call type, request parser and handler.</summary>
/// <typeparam name="TService">The class whose instance each handler receives.</typeparam>
internal sealed class GrpcServiceBinder<TService>
    where TService : class
{
    private readonly string _serviceName;
    private readonly GrpcCallEnvironment _environment;
    private readonly List<ServerCallHandler> _handlers = [];

    internal GrpcServiceBinder(string serviceName, GrpcCallEnvironment environment)
    {
        _serviceName = serviceName;
        _environment = environment;
    }

    internal IReadOnlyList<ServerCallHandler> Handlers => _handlers;

    public void Unary<TRequest, TResponse>(string method, MessageParser<TRequest> parser,
        Func<TService, TRequest, ServerCallContext, Task<TResponse>> handler)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse> =>
        _handlers.Add(new UnaryMethodHandler<TService, TRequest, TResponse>(Describe(method, MethodType.Unary), _environment, parser, handler));

    public void ServerStreaming<TRequest, TResponse>(string method, MessageParser<TRequest> parser,
        Func<TService, TRequest, IServerStreamWriter<TResponse>, ServerCallContext, Task> handler)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse> =>
        _handlers.Add(new ServerStreamingMethodHandler<TService, TRequest, TResponse>(Describe(method, MethodType.ServerStreaming), _environment, parser, handler));

    public void ClientStreaming<TRequest, TResponse>(string method, MessageParser<TRequest> parser,
        Func<TService, IAsyncEnumerable<TRequest>, ServerCallContext, Task<TResponse>> handler)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse> =>
        _handlers.Add(new ClientStreamingMethodHandler<TService, TRequest, TResponse>(Describe(method, MethodType.ClientStreaming), _environment, parser, handler));

    public void DuplexStreaming<TRequest, TResponse>(string method, MessageParser<TRequest> parser,
        Func<TService, IAsyncEnumerable<TRequest>, IServerStreamWriter<TResponse>, ServerCallContext, Task> handler)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse> =>
        _handlers.Add(new DuplexStreamingMethodHandler<TService, TRequest, TResponse>(Describe(method, MethodType.DuplexStreaming), _environment, parser, handler));

    private GrpcMethod Describe(string name, MethodType type)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var method = new GrpcMethod(_serviceName, name, type);
        if (_handlers.Exists(existing => string.Equals(existing.Method.Path, method.Path, StringComparison.Ordinal)))
        {
            throw new InvalidOperationException($"gRPC method '{method.Path}' is bound twice.");
        }

        return method;
    }
}
