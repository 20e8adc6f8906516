using Microsoft.Extensions.DependencyInjection.Extensions;
using RecordAccess.Server.Grpc.Internal;

namespace RecordAccess.Server.Grpc;

internal static class GrpcServiceCollectionExtensions
{
    /// <summary>The wire layer: limits from the <c>Grpc</c> configuration section, the clock, the logger.</summary>
    public static IServiceCollection AddGrpcWire(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GrpcServerOptions>()
            .Bind(configuration.GetSection(GrpcServerOptions.SectionName))
            .Validate(o => o.MaxReceiveMessageSize > 0 && o.MaxSendMessageSize > 0,
                "Grpc:MaxReceiveMessageSize and Grpc:MaxSendMessageSize must be positive numbers of bytes.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<GrpcCallEnvironment>();
        return services;
    }

    /// <summary>Adds a service for <c>MapGrpcServices()</c> to map (adding the same type twice adds it once).</summary>
    public static IServiceCollection AddGrpcService<TService>(this IServiceCollection services)
        where TService : class, IGrpcService<TService>
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<GrpcServiceRegistration, GrpcServiceRegistration<TService>>());
        return services;
    }
}
