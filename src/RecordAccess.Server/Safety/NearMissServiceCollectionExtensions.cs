namespace RecordAccess.Server.Safety;

/// <summary>Registers the near-miss recorder and finder (decisions 0118–0120), configured from <c>Safety:NearMiss</c>.</summary>
internal static class NearMissServiceCollectionExtensions
{
    public static IServiceCollection AddNearMisses(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NearMissOptions>().Bind(configuration.GetSection("Safety:NearMiss"));
        services.AddSingleton<NearMissRecorder>();
        services.AddHostedService(sp => sp.GetRequiredService<NearMissRecorder>());
        services.AddSingleton<NearMissFinder>();
        return services;
    }
}
