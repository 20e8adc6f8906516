using RecordAccess.Server.Hosting;

namespace RecordAccess.Server.Safety;

internal static class SafetyServiceCollectionExtensions
{
    /// <summary>The incident desk and the decision replayer (issue 15, contract B).</summary>
    public static IServiceCollection AddRecordAccessIncidents(this IServiceCollection services)
    {
        services.AddSingleton<DecisionReplayer>();
        services.AddSingleton<IncidentDesk>();
        services.AddSingleton(new AdditionalGrpcService(endpoints => endpoints.MapGrpcService<SafetyService>()));
        return services;
    }
}
