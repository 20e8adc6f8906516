using RecordAccess.Server.Grpc.Internal;

namespace RecordAccess.Server.Health;

/// <summary>
/// Reports the server and every mapped gRPC service SERVING at start, and NOT_SERVING as soon as shutdown
/// begins (ending open watches, so a stopping server is not held open by its health watchers).
/// </summary>
internal sealed class HealthLifetime(
    HealthStatusRegistry registry,
    IEnumerable<GrpcServiceRegistration> services,
    IHostApplicationLifetime lifetime) : IHostedService
{
    private CancellationTokenRegistration _stopping;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        registry.SetStatus("", HealthStatus.Serving);
        foreach (var service in services)
        {
            registry.SetStatus(service.ServiceName, HealthStatus.Serving);
        }

        _stopping = lifetime.ApplicationStopping.Register(registry.Shutdown);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping.Dispose();
        return Task.CompletedTask;
    }
}
