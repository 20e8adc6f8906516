using Npgsql;

namespace RecordAccess.Storage.Tests.Support;

/// <summary>
/// A fresh database on the PostgreSQL server named by <c>RECORDACCESS_TEST_POSTGRES</c> (started by
/// <c>scripts/postgres.sh start</c>). Missing configuration fails the test: it is never skipped.
/// </summary>
public sealed class PostgresStoreFactory : IStoreFactory
{
    public const string Variable = "RECORDACCESS_TEST_POSTGRES";

    private readonly string _server;
    private readonly string _database = "ra_test_" + Guid.NewGuid().ToString("N");
    private bool _created;

    public PostgresStoreFactory()
    {
        _server = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } cs
            ? cs
            : throw new InvalidOperationException(
                $"{Variable} is not set: the PostgreSQL contract tests need a real server. Run the README's test command, " +
                "or: eval \"$(scripts/postgres.sh start)\" before dotnet test.");
        Options = new StorageOptions
        {
            Provider = StorageProvider.Postgres,
            ConnectionString = new NpgsqlConnectionStringBuilder(_server) { Database = _database }.ConnectionString,
        };
    }

    public StorageOptions Options { get; }

    public async Task<PolicyStore> OpenAsync()
    {
        if (!_created)
        {
            await using var admin = new NpgsqlConnection(_server);
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_database}\"", admin);
            await create.ExecuteNonQueryAsync();
            _created = true;
        }

        return await PolicyStore.OpenAsync(Options);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_created)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(_server);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
