using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using RecordAccess.Core.Policy;
using RecordAccess.Core.Policy.Audit;
using RecordAccess.Storage.Audit;
using RecordAccess.Storage.Model;

namespace RecordAccess.Storage.Sqlite;

/// <summary>
/// The store in one SQLite file: WAL journal (readers never block the writer), synchronous=FULL (a
/// commit is on disk before it is acknowledged), writers serialised by <c>BEGIN IMMEDIATE</c> across
/// processes and by a semaphore within this one (so local writers queue instead of polling).
/// </summary>
internal sealed class SqlitePolicyStore : PolicyStore
{
    private const string InsertEvent =
        $"INSERT INTO policy_events ({EventColumns.InsertList}) VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11, @p12, @p13, @p14)";

    private readonly string _connectionString;
    private readonly SemaphoreSlim _writers = new(1, 1);

    public SqlitePolicyStore(string connectionString)
        : base(StorageProvider.Sqlite)
    {
        var builder = connectionString.Contains('=', StringComparison.Ordinal)
            ? new SqliteConnectionStringBuilder(connectionString)
            : new SqliteConnectionStringBuilder { DataSource = connectionString };
        builder.Pooling = true;
        builder.DefaultTimeout = 60;
        builder.Mode = SqliteOpenMode.ReadWriteCreate;
        _connectionString = builder.ToString();
    }

    internal override PolicyDbContext CreateContext() => new SqlitePolicyDbContext(
        new DbContextOptionsBuilder<SqlitePolicyDbContext>()
            .UseSqlite(_connectionString)
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning))
            .Options);

    internal override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var pragmas = connection.CreateCommand();
            pragmas.CommandText = "PRAGMA synchronous = FULL; PRAGMA busy_timeout = 60000; PRAGMA cache_size = -65536;";
            pragmas.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    internal override DateOnly ReadDate(DbDataReader reader, int ordinal)
    {
        var text = reader.GetString(ordinal);
        return text.Length == 10 && text[4] == '-' && text[7] == '-'
            ? new DateOnly(Digits(text, 0, 4), Digits(text, 5, 2), Digits(text, 8, 2))
            : reader.GetFieldValue<DateOnly>(ordinal);
    }

    internal override async Task PrepareDatabaseAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var wal = connection.CreateCommand();
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            var mode = (string?)wal.ExecuteScalar();
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"SQLite refused WAL journal mode (got '{mode}').");
            }
        }
    }

    internal override async Task<WriteSession> BeginWriteAsync(CancellationToken cancellationToken)
    {
        await _writers.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = (SqliteConnection)await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                // deferred: false issues BEGIN IMMEDIATE: the write lock is taken now, before reading the latest version.
                var transaction = connection.BeginTransaction(deferred: false);
                return new WriteSession(connection, transaction, () => _writers.Release());
            }
            catch
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
        catch
        {
            _writers.Release();
            throw;
        }
    }

    internal override Task InsertEventsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
    {
        using var command = (SqliteCommand)connection.CreateCommand();
        command.CommandText = InsertEvent;
        command.Transaction = (SqliteTransaction)transaction;
        var p = new SqliteParameter[15];
        for (var i = 0; i < p.Length; i++)
        {
            p[i] = command.Parameters.Add(new SqliteParameter("@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), null));
        }

        command.Prepare();
        foreach (var recorded in events)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var e = recorded.Event;
            var c = EventColumns.Of(e.Change);
            p[0].Value = recorded.Version;
            p[1].Value = e.RecordedAt;
            p[2].Value = EventColumns.KindNames[(int)e.Change.Kind];
            p[3].Value = e.Actor.Kind.ToString();
            p[4].Value = e.Actor.Id;
            p[5].Value = (object?)e.Actor.Ods ?? DBNull.Value;
            p[6].Value = (object?)e.Actor.Role ?? DBNull.Value;
            p[7].Value = (object?)e.Reason ?? DBNull.Value;
            p[8].Value = (object?)c.NhsNumber ?? DBNull.Value;
            p[9].Value = (object?)c.Ods ?? DBNull.Value;
            p[10].Value = (object?)c.ItemId ?? DBNull.Value;
            p[11].Value = (object?)c.Code ?? DBNull.Value;
            p[12].Value = c.FirstDate is { } d1 ? d1 : DBNull.Value;
            p[13].Value = c.SecondDate is { } d2 ? d2 : DBNull.Value;
            p[14].Value = c.Flag is { } f ? f : DBNull.Value;
            command.ExecuteNonQuery();
        }

        return Task.CompletedTask;
    }

    internal override Task InsertAuditAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<DecisionAuditRecord> records, CancellationToken cancellationToken)
    {
        // One prepared statement in the group's one transaction (decision 0108): the answers and replay facts are the
        // compact payload; recorded_at in UTC so that the attention query compares it as text in time order.
        using var command = (SqliteCommand)connection.CreateCommand();
        command.CommandText =
            "INSERT INTO decision_audit (decision_id, recorded_at, caller, nhs_number, state_version, rule_set_version, decisions, flags, payload, practice_ods, attention) "
            + "VALUES (@p0, @p1, @p2, @p3, @p4, @p5, '', @p7, @p8, @p9, @p10)";
        command.Transaction = (SqliteTransaction)transaction;
        var p = new SqliteParameter[11];
        for (var i = 0; i < p.Length; i++)
        {
            if (i != 6)
            {
                p[i] = command.Parameters.Add(new SqliteParameter("@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), null));
            }
        }

        command.Prepare();
        foreach (var r in records)
        {
            p[0].Value = r.DecisionId.ToString("D");
            p[1].Value = r.RecordedAt.ToUniversalTime();
            p[2].Value = r.Caller;
            p[3].Value = r.NhsNumber;
            p[4].Value = r.StateVersion;
            p[5].Value = r.RuleSetVersion;
            p[7].Value = (object?)r.Flags ?? DBNull.Value;
            p[8].Value = AuditPayloadCodec.Encode(r);
            p[9].Value = (object?)r.PracticeOds ?? DBNull.Value;
            p[10].Value = (object?)AuditPayloadCodec.Attention(r) ?? DBNull.Value;
            command.ExecuteNonQuery();
        }

        return Task.CompletedTask;
    }

    private static int Digits(string text, int start, int count)
    {
        var value = 0;
        for (var i = start; i < start + count; i++)
        {
            value = (value * 10) + (text[i] - '0');
        }

        return value;
    }

    private protected override ValueTask DisposeCoreAsync()
    {
        using (var connection = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        _writers.Dispose();
        return ValueTask.CompletedTask;
    }
}
