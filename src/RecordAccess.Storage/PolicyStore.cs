using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using RecordAccess.Core.Policy;
using RecordAccess.Core.Policy.Audit;
using RecordAccess.Storage.Model;
using RecordAccess.Storage.Postgres;
using RecordAccess.Storage.Sqlite;

namespace RecordAccess.Storage;

/// <summary>
/// The policy log and the decision audit in one database (SQLite or PostgreSQL, by <see cref="StorageOptions.Provider"/>).
/// Writers are serialised by a database lock (SQLite <c>BEGIN IMMEDIATE</c>, PostgreSQL
/// <c>pg_advisory_xact_lock</c>) and take version = latest + 1 inside it, so versions are gap-free and
/// in commit order across every process sharing the database.
/// </summary>
public abstract partial class PolicyStore : IPolicyEventStore, IDecisionAuditStore, IAsyncDisposable
{
    private protected PolicyStore(StorageProvider provider) => Provider = provider;

    /// <summary>The provider behind this store.</summary>
    public StorageProvider Provider { get; }

    /// <summary>Opens the store and brings its schema up to date (migrations of the provider).</summary>
    /// <param name="options">Provider and connection string.</param>
    /// <param name="cancellationToken">Cancels opening.</param>
    public static async Task<PolicyStore> OpenAsync(StorageOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        PolicyStore store = options.Provider switch
        {
            StorageProvider.Sqlite => new SqlitePolicyStore(options.ConnectionString),
            StorageProvider.Postgres => new PostgresPolicyStore(options.ConnectionString),
            _ => throw new ArgumentException($"Unknown storage provider {options.Provider}.", nameof(options)),
        };

        try
        {
            await store.MigrateAsync(cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public async Task<long> ReadVersionAsync(CancellationToken cancellationToken = default)
    {
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await LatestVersionAsync(connection, null, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public IAsyncEnumerable<RecordedEvent> ReadAsync(long afterVersion, CancellationToken cancellationToken = default) =>
        QueryEventsAsync($"SELECT {EventColumns.SelectList} FROM policy_events WHERE version > @after ORDER BY version", ("@after", afterVersion), cancellationToken);

    /// <summary>
    /// One page of the log: at most <paramref name="limit"/> events after <paramref name="afterVersion"/>, in version
    /// order, read completely before it is returned. Streams that page through the log (WatchChanges) use it so that
    /// a slow client never holds a reader or a snapshot open, and memory stays one page per stream.
    /// </summary>
    /// <param name="afterVersion">Events at or below this version are skipped.</param>
    /// <param name="limit">The most events to return (at least 1).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<IReadOnlyList<RecordedEvent>> ReadPageAsync(long afterVersion, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var page = new List<RecordedEvent>(Math.Min(limit, 1024));
        var sql = string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"SELECT {EventColumns.SelectList} FROM policy_events WHERE version > @after ORDER BY version LIMIT {limit}");
        await foreach (var e in QueryEventsAsync(sql, ("@after", afterVersion), cancellationToken).ConfigureAwait(false))
        {
            page.Add(e);
        }

        return page;
    }

    /// <inheritdoc />
    public IAsyncEnumerable<RecordedEvent> ReadPatientHistoryAsync(string nhsNumber, CancellationToken cancellationToken = default) =>
        QueryEventsAsync(
            $"""
            SELECT {EventColumns.SelectList} FROM policy_events WHERE nhs_number = @nhs
            UNION ALL
            SELECT {EventColumns.SelectList} FROM policy_events
            WHERE kind = 'PracticeSettingsChanged'
              AND ods IN (SELECT ods FROM policy_events WHERE nhs_number = @nhs AND kind = 'PatientRegistered')
            ORDER BY 1
            """,
            ("@nhs", nhsNumber),
            cancellationToken);

    /// <inheritdoc />
    public async Task<AppendOutcome> AppendAsync(AppendRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var session = await BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        await using (session.ConfigureAwait(false))
        {
            var (connection, transaction) = (session.Connection, session.Transaction);
            if (request.IdempotencyKey is { } key)
            {
                var previous = await FindKeyAsync(connection, transaction, key, cancellationToken).ConfigureAwait(false);
                if (previous is { } p)
                {
                    var status = p.Fingerprint == (request.Fingerprint ?? string.Empty) ? AppendStatus.AlreadyApplied : AppendStatus.KeyConflict;
                    return new AppendOutcome(status, [], p.First, p.Last);
                }
            }

            var latest = await LatestVersionAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            var missed = new List<RecordedEvent>();
            if (latest > request.KnownVersion)
            {
                await foreach (var e in ReadEventsAsync(connection, transaction, $"SELECT {EventColumns.SelectList} FROM policy_events WHERE version > @after ORDER BY version", ("@after", request.KnownVersion), cancellationToken).ConfigureAwait(false))
                {
                    missed.Add(e);
                }
            }

            var events = request.Decide(missed);
            if (events.Count == 0)
            {
                // A request that succeeded without a change still takes its key, so the key cannot be reused for other content.
                if (request.IdempotencyKey is { } unchangedKey && request.KeepKeyWhenNothingAppended?.Invoke() == true)
                {
                    await InsertKeyAsync(connection, transaction, unchangedKey, request.Fingerprint ?? string.Empty, 0, latest, cancellationToken).ConfigureAwait(false);
                    await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
                }

                return new AppendOutcome(AppendStatus.NothingToAppend, [], 0, latest);
            }

            cancellationToken.ThrowIfCancellationRequested();
            var recorded = new RecordedEvent[events.Count];
            for (var i = 0; i < recorded.Length; i++)
            {
                recorded[i] = new RecordedEvent(latest + 1 + i, events[i]);
            }

            await InsertEventsAsync(connection, transaction, recorded, cancellationToken).ConfigureAwait(false);
            if (request.IdempotencyKey is { } newKey)
            {
                await InsertKeyAsync(connection, transaction, newKey, request.Fingerprint ?? string.Empty, recorded[0].Version, recorded[^1].Version, cancellationToken).ConfigureAwait(false);
            }

            await AnnounceAsync(connection, transaction, recorded[^1].Version, cancellationToken).ConfigureAwait(false);

            await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
            return new AppendOutcome(AppendStatus.Appended, recorded, recorded[0].Version, recorded[^1].Version);
        }
    }

    /// <summary>
    /// The store's announcements of commits, for a <see cref="PolicyFollower"/> to read as soon as another server
    /// commits; null when the provider makes none (SQLite: followers poll). The first call starts listening (one
    /// dedicated connection on PostgreSQL), later calls return the same object; disposing the store stops it.
    /// </summary>
    public virtual IPolicyChangeNotifications? ListenForChanges() => null;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await DisposeCoreAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    internal abstract PolicyDbContext CreateContext();

    internal abstract Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>Opens a connection, begins a transaction and takes the writer lock.</summary>
    internal abstract Task<WriteSession> BeginWriteAsync(CancellationToken cancellationToken);

    internal abstract Task InsertEventsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken);

    internal abstract Task InsertAuditAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<DecisionAuditRecord> records, CancellationToken cancellationToken);

    /// <summary>Converts a value for this provider's parameters (PostgreSQL wants UTC instants).</summary>
    internal virtual object DbValue(object? value) => value ?? DBNull.Value;

    /// <summary>Announces, inside the append's transaction, that <paramref name="version"/> is committed (delivered on commit).</summary>
    internal virtual Task AnnounceAsync(DbConnection connection, DbTransaction transaction, long version, CancellationToken cancellationToken) => Task.CompletedTask;

    internal virtual Task PrepareDatabaseAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private protected abstract ValueTask DisposeCoreAsync();

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await PrepareDatabaseAsync(cancellationToken).ConfigureAwait(false);
        var context = CreateContext();
        await using (context.ConfigureAwait(false))
        {
            await context.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
