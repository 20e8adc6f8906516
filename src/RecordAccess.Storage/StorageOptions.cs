namespace RecordAccess.Storage;

/// <summary>Where the policy log and audit live: <c>Storage:Provider</c> and <c>Storage:ConnectionString</c>.</summary>
public sealed record StorageOptions
{
    /// <summary>The provider; SQLite unless configured otherwise.</summary>
    public StorageProvider Provider { get; init; } = StorageProvider.Sqlite;

    /// <summary>
    /// The connection string: for SQLite a file path or <c>Data Source=...</c>; for PostgreSQL an Npgsql
    /// connection string.
    /// </summary>
    public required string ConnectionString { get; init; }

    /// <summary>Reads the provider setting exactly (<c>Sqlite</c> or <c>Postgres</c>, case-insensitive); null means the default.</summary>
    /// <param name="text">The setting's value.</param>
    /// <param name="provider">The provider, when the value is known.</param>
    public static bool TryParseProvider(string? text, out StorageProvider provider)
    {
        provider = StorageProvider.Sqlite;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (string.Equals(text, "sqlite", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (string.Equals(text, "postgres", StringComparison.OrdinalIgnoreCase) || string.Equals(text, "postgresql", StringComparison.OrdinalIgnoreCase))
        {
            provider = StorageProvider.Postgres;
            return true;
        }

        return false;
    }
}
