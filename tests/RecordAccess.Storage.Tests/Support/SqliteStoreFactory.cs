namespace RecordAccess.Storage.Tests.Support;

/// <summary>A SQLite file in a fresh temp directory.</summary>
public sealed class SqliteStoreFactory : IStoreFactory
{
    private readonly string _dir = Directory.CreateTempSubdirectory("recordaccess-sqlite-").FullName;

    public SqliteStoreFactory() => Options = new StorageOptions { Provider = StorageProvider.Sqlite, ConnectionString = Path.Combine(_dir, "policy.db") };

    public StorageOptions Options { get; }

    public Task<PolicyStore> OpenAsync() => PolicyStore.OpenAsync(Options);

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // A child process killed by a crash test may still hold the file briefly; the temp dir is disposable.
        }

        return ValueTask.CompletedTask;
    }
}
