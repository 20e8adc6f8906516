using Grpc.AspNetCore.Server;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using RecordAccess.Server.Admin;
using RecordAccess.Server.Contracts.V1;
using RecordAccess.Server.Gate;
using RecordAccess.Server.Identity;
using RecordAccess.Server.Policy;

namespace RecordAccess.Server.Hosting;

/// <summary>
/// gRPC on Grpc.AspNetCore: the gate and admin services (generated base classes, <see cref="CallerInterceptor"/>),
/// grpc.health.v1 fed by <see cref="PolicyHealthCheck"/>, and server reflection (grpcurl, Postman).
/// </summary>
internal static class GrpcHostingExtensions
{
    /// <summary>The services whose answers come from the policy state; health reports each of them.</summary>
    public static readonly IReadOnlyList<string> PolicyServices = [RecordAccessGate.Descriptor.FullName, RecordAccessAdmin.Descriptor.FullName];

    /// <summary>Limits (message sizes, detailed errors) from the <c>Grpc</c> configuration section.</summary>
    public static IServiceCollection AddRecordAccessGrpc(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddGrpc(options => configuration.GetSection("Grpc").Bind(options))
            .AddServiceOptions<GateService>(options => options.Interceptors.Add<CallerInterceptor>())
            .AddServiceOptions<AdminService>(options => options.Interceptors.Add<CallerInterceptor>());
        services.AddOptions<GrpcServiceOptions>()
            .Validate(o => o.MaxReceiveMessageSize is > 0 && o.MaxSendMessageSize is > 0,
                "Grpc:MaxReceiveMessageSize and Grpc:MaxSendMessageSize must be positive numbers of bytes.")
            .ValidateOnStart();
        services.AddGrpcReflection();

        // "" (the server) and each policy service are SERVING only while the policy state can be trusted.
        services.AddGrpcHealthChecks(options =>
            {
                options.Services.Map("", _ => true);
                foreach (var service in PolicyServices)
                {
                    options.Services.Map(service, registration => registration.Tags.Contains(PolicyHealthCheck.Tag));
                }
            })
            .AddCheck<PolicyHealthCheck>("policy", tags: [PolicyHealthCheck.Tag]);

        // Watch is fed by the health check publisher: start at once, then every Policy:HealthCheckInterval (at least 1 s).
        services.AddOptions<HealthCheckPublisherOptions>().Configure<IOptions<PolicyOptions>>((publisher, policy) =>
        {
            publisher.Delay = TimeSpan.Zero;
            publisher.Period = policy.Value.HealthCheckInterval < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : policy.Value.HealthCheckInterval;
        });
        return services;
    }

    public static WebApplication MapRecordAccessGrpc(this WebApplication app)
    {
        app.MapGrpcService<GateService>();
        app.MapGrpcService<AdminService>();
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        foreach (var additional in app.Services.GetServices<AdditionalGrpcService>())
        {
            additional.Map(app);
        }

        return app;
    }
}
