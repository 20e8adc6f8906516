namespace RecordAccess.Server.Safety;

/// <summary>Registers the near-miss finder (decision 0118).</summary>
internal static class NearMissServiceCollectionExtensions
{
    public static IServiceCollection AddNearMisses(this IServiceCollection services)
    {
        services.AddSingleton<NearMissFinder>();
        return services;
    }
}
