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
        _handlers.Add(new UnaryMethodHandler<TService, TRequest, TResponse>(PathOf(method), _environment, parser, handler));

    public void ServerStreaming<TRequest, TResponse>(string method, MessageParser<TRequest> parser,
        Func<TService, TRequest, IServerStreamWriter<TResponse>, ServerCallContext, Task> handler)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse> =>
        _handlers.Add(new ServerStreamingMethodHandler<TService, TRequest, TResponse>(PathOf(method), _environment, parser, handler));

    public void ClientStreaming<TRequest, TResponse>(string method, MessageParser<TRequest> parser,
        Func<TService, IAsyncEnumerable<TRequest>, ServerCallContext, Task<TResponse>> handler)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse> =>
        _handlers.Add(new ClientStreamingMethodHandler<TService, TRequest, TResponse>(PathOf(method), _environment, parser, handler));

    public void DuplexStreaming<TRequest, TResponse>(string method, MessageParser<TRequest> parser,
        Func<TService, IAsyncEnumerable<TRequest>, IServerStreamWriter<TResponse>, ServerCallContext, Task> handler)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse> =>
        _handlers.Add(new DuplexStreamingMethodHandler<TService, TRequest, TResponse>(PathOf(method), _environment, parser, handler));

    private string PathOf(string method)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        var path = $"/{_serviceName}/{method}";
        foreach (var existing in _handlers)
        {
            if (string.Equals(existing.Method, path, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"gRPC method '{path}' is bound twice.");
            }
        }

        return path;
    }
}
