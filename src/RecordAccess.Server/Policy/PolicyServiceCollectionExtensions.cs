using Microsoft.Extensions.DependencyInjection.Extensions;

namespace RecordAccess.Server.Policy;

internal static class PolicyServiceCollectionExtensions
{
    /// <summary>The policy runtime (store, state, admin, gate), opened at start from the <c>Storage</c> and <c>Policy</c> sections.</summary>
    public static IServiceCollection AddRecordAccessPolicy(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PolicyOptions>().Bind(configuration.GetSection("Policy"));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<PolicyRuntime>();
        services.AddSingleton<PolicyFreshness>();
        services.AddSingleton<PolicyMetrics>();
        services.AddHostedService<PolicyStartup>();
        return services;
    }
}
