
namespace RecordAccess.Server.Admin;

internal static class AdminServiceCollectionExtensions
{
    /// <summary>recordaccess.v1.RecordAccessAdmin, with its limits from the <c>Admin</c> section.</summary>
    public static IServiceCollection AddRecordAccessAdmin(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AdminOptions>()
            .Bind(configuration.GetSection(AdminOptions.SectionName))
            .Validate(o => o.MaxBatchRows > 0 && o.WatchPageSize > 0 && o.WatchPracticeCacheSize > 0, "Admin:MaxBatchRows, Admin:WatchPageSize and Admin:WatchPracticeCacheSize must be positive.")
            .ValidateOnStart();
        return services;
    }
}
