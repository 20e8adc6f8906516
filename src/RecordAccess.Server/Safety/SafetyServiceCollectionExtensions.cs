namespace RecordAccess.Server.Safety;

internal static class SafetyServiceCollectionExtensions
{
    /// <summary>The incident desk and the decision replayer (issue 15, contract B).</summary>
    public static IServiceCollection AddRecordAccessIncidents(this IServiceCollection services)
    {
        services.AddSingleton<DecisionReplayer>();
        services.AddSingleton<IncidentDesk>();
        return services;
    }
}
