using RecordAccess.Server.Grpc;

namespace RecordAccess.Server.Health;

internal static class HealthServiceCollectionExtensions
{
    /// <summary>grpc.health.v1.Health with its status registry (other components set their own status in it).</summary>
    public static IServiceCollection AddGrpcHealth(this IServiceCollection services)
    {
        services.AddSingleton<HealthStatusRegistry>();
        services.AddGrpcService<HealthService>();
        services.AddHostedService<HealthLifetime>();
        return services;
    }
}
