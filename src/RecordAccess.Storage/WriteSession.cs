using System.Data.Common;

namespace RecordAccess.Storage;

/// <summary>A connection and transaction holding the writer lock; disposing without commit rolls back and releases it.</summary>
internal sealed class WriteSession(DbConnection connection, DbTransaction transaction, Action? release) : IAsyncDisposable
{
    public DbConnection Connection { get; } = connection;

    public DbTransaction Transaction { get; } = transaction;

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Transaction.DisposeAsync().ConfigureAwait(false);
            await Connection.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            release?.Invoke();
        }
    }
}
