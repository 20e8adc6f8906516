using Microsoft.AspNetCore.Hosting;

namespace RecordAccess.Server.Tests.Infrastructure;

/// <summary>
/// The real host in memory for admin tests: demo data seeded (Development), a small batch limit, and optionally
/// another host's SQLite file, so two servers share one log as they would share PostgreSQL.
/// </summary>
public sealed class AdminHost : ServerHost
{
    public const int MaxBatchRows = 50;

    private readonly string? _sharedDatabasePath;

    public AdminHost()
        : base(kestrel: false)
    {
    }

    private AdminHost(string sharedDatabasePath)
        : this() => _sharedDatabasePath = sharedDatabasePath;

    /// <summary>A second server on <paramref name="other"/>'s log (its own state, follower and signing key).</summary>
    public static AdminHost SharingStoreOf(AdminHost other) => new(other.StorePath);

    /// <summary>The SQLite file this host uses.</summary>
    public string StorePath => _sharedDatabasePath ?? DatabasePath;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Admin:MaxBatchRows", MaxBatchRows.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Policy:FollowInterval", "00:00:00.050");
        builder.UseSetting("Policy:HealthCheckInterval", "00:00:00.050");
        if (_sharedDatabasePath is not null)
        {
            builder.UseSetting("Storage:ConnectionString", $"Data Source={_sharedDatabasePath}");
        }
    }
}
