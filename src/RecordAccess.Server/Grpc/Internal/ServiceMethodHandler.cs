using Google.Protobuf;

namespace RecordAccess.Server.Grpc.Internal;

/// <summary>
/// A method of <typeparamref name="TService"/>: the service comes from the request's services when registered
/// there, else is created per call (constructor dependencies from DI) and disposed afterwards.
/// </summary>
internal abstract class ServiceMethodHandler<TService, TRequest>(GrpcMethod method, GrpcCallEnvironment environment, MessageParser<TRequest> parser)
    : ServerCallHandler(method, environment)
    where TService : class
    where TRequest : class, IMessage<TRequest>
{
    private static readonly ObjectFactory Factory = ActivatorUtilities.CreateFactory(typeof(TService), Type.EmptyTypes);

    protected MessageParser<TRequest> Parser { get; } = parser;

    protected sealed override async Task HandleCoreAsync(ServerCall call)
    {
        var services = call.HttpContext.RequestServices;
        var registered = services.GetService<TService>();
        var service = registered ?? (TService)Factory(services, null);
        try
        {
            await InvokeAsync(service, call).ConfigureAwait(false);
        }
        finally
        {
            if (registered is null)
            {
                if (service is IAsyncDisposable asyncDisposable)
                {
                    await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                }
                else if (service is IDisposable disposable)
                {
                    disposable.Dispose();
                }
            }
        }
    }

    protected abstract Task InvokeAsync(TService service, ServerCall call);
}
