namespace RecordAccess.Server.Grpc;

/// <summary>
/// A gRPC service served by the wire layer: its full name (<c>package.Service</c>) and how its methods bind
/// to handlers. Register with <c>services.AddGrpcService&lt;T&gt;()</c>; <c>app.MapGrpcServices()</c> maps them all.
/// </summary>
/// <typeparam name="TService">The implementing class (created per call, or taken from DI if registered there).</typeparam>
internal interface IGrpcService<TService>
    where TService : class, IGrpcService<TService>
{
    /// <summary>The service's full protobuf name, e.g. <c>grpc.health.v1.Health</c>.</summary>
    static abstract string ServiceName { get; }

    /// <summary>Binds each method name to its handler and message parser.</summary>
    static abstract void Bind(GrpcServiceBinder<TService> binder);
}
