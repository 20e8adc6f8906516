using Microsoft.FeatureManagement;
using RecordAccess.Server.Decisions;

namespace RecordAccess.Server.Gate;

internal static class GateServiceCollectionExtensions
{
    /// <summary>The gate (<c>recordaccess.v1.RecordAccessGate</c>) and its rollout switches (section <c>FeatureManagement</c>).</summary>
    public static IServiceCollection AddRecordAccessGate(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GateOptions>().Bind(configuration.GetSection("Gate"));
        services.AddFeatureManagement();
        services.AddSingleton<RolloutSwitches>();
        services.AddSingleton<DecisionPath>();
        services.AddSingleton<OpenRecordBudget>();
        services.AddSingleton<GateService>();
        return services;
    }
}
