namespace RecordAccess.Server.Grpc.Internal;

/// <summary>The registration of <typeparamref name="TService"/> (one per type, however often it is added).</summary>
internal sealed class GrpcServiceRegistration<TService> : GrpcServiceRegistration
    where TService : class, IGrpcService<TService>
{
    public override string ServiceName => TService.ServiceName;

    public override IReadOnlyList<ServerCallHandler> Bind(GrpcCallEnvironment environment)
    {
        var binder = new GrpcServiceBinder<TService>(TService.ServiceName, environment);
        TService.Bind(binder);
        return binder.Handlers;
    }
}
