using RecordAccess.Storage;

namespace RecordAccess.Server.Policy;

/// <summary>Reads <c>Storage:Provider</c> (Sqlite by default, or Postgres) and <c>Storage:ConnectionString</c>.</summary>
internal static class StorageConfiguration
{
    public const string DefaultSqlite = "Data Source=recordaccess.db";

    public static StorageOptions Read(IConfiguration configuration)
    {
        var section = configuration.GetSection("Storage");
        var providerText = section["Provider"];
        if (!StorageOptions.TryParseProvider(providerText, out var provider))
        {
            throw new InvalidOperationException($"Storage:Provider '{providerText}' is not known; use Sqlite or Postgres.");
        }

        var connectionString = section["ConnectionString"];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = provider == StorageProvider.Sqlite
                ? DefaultSqlite
                : throw new InvalidOperationException("Storage:ConnectionString is required for PostgreSQL.");
        }

        return new StorageOptions { Provider = provider, ConnectionString = connectionString };
    }
}
