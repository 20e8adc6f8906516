using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using NpgsqlTypes;
using RecordAccess.Core.Policy;
using RecordAccess.Core.Policy.Audit;
using RecordAccess.Storage.Audit;
using RecordAccess.Storage.Model;

namespace RecordAccess.Storage.Postgres;

/// <summary>
/// The store on PostgreSQL: writers are serialised by a transaction-scoped advisory lock taken before
/// reading the latest version; events and audit records are written with binary COPY. Each append notifies
/// <see cref="PostgresChangeListener.Channel"/> with its last version, so other servers read it at once.
/// </summary>
internal sealed class PostgresPolicyStore : PolicyStore
{
    /// <summary>The advisory lock key of the policy log's writers (any constant shared by every server).</summary>
    private const long WriterLockKey = 0x5245_4341_4343_4553; // "RECACCES"

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _connectionString;
    private readonly Lock _listenerLock = new();
    private PostgresChangeListener? _listener;

    public PostgresPolicyStore(string connectionString)
        : base(StorageProvider.Postgres)
    {
        _dataSource = NpgsqlDataSource.Create(connectionString);
        _connectionString = connectionString;
    }

    public override IPolicyChangeNotifications ListenForChanges()
    {
        lock (_listenerLock)
        {
            return _listener ??= new PostgresChangeListener(_connectionString);
        }
    }

    internal override PolicyDbContext CreateContext() => new PostgresPolicyDbContext(
        new DbContextOptionsBuilder<PostgresPolicyDbContext>()
            .UseNpgsql(_dataSource)
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning))
            .Options);

    internal override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    internal override object DbValue(object? value) => value switch
    {
        null => DBNull.Value,
        DateTimeOffset at => at.ToUniversalTime(),
        _ => value,
    };

    internal override async Task<WriteSession> BeginWriteAsync(CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
            {
                command.Parameters.AddWithValue("key", WriterLockKey);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return new WriteSession(connection, transaction, null);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    internal override async Task InsertEventsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
    {
        var importer = await ((NpgsqlConnection)connection)
            .BeginBinaryImportAsync($"COPY policy_events ({EventColumns.InsertList}) FROM STDIN (FORMAT BINARY)", cancellationToken)
            .ConfigureAwait(false);
        await using (importer.ConfigureAwait(false))
        {
            foreach (var recorded in events)
            {
                var e = recorded.Event;
                var c = EventColumns.Of(e.Change);
                importer.StartRow();
                importer.Write(recorded.Version, NpgsqlDbType.Bigint);
                importer.Write(e.RecordedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz);
                importer.Write(EventColumns.KindNames[(int)e.Change.Kind], NpgsqlDbType.Text);
                importer.Write(e.Actor.Kind.ToString(), NpgsqlDbType.Text);
                importer.Write(e.Actor.Id, NpgsqlDbType.Text);
                WriteText(importer, e.Actor.Ods);
                WriteText(importer, e.Actor.Role);
                WriteText(importer, e.Reason);
                WriteText(importer, c.NhsNumber);
                WriteText(importer, c.Ods);
                WriteText(importer, c.ItemId);
                WriteText(importer, c.Code);
                WriteDate(importer, c.FirstDate);
                WriteDate(importer, c.SecondDate);
                if (c.Flag is { } flag)
                {
                    importer.Write(flag, NpgsqlDbType.Boolean);
                }
                else
                {
                    importer.WriteNull();
                }
            }

            await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    internal override async Task InsertAuditAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<DecisionAuditRecord> records, CancellationToken cancellationToken)
    {
        // Binary COPY in the group's one transaction (decision 0108): the answers and replay facts are the compact payload.
        var importer = await ((NpgsqlConnection)connection)
            .BeginBinaryImportAsync(
                "COPY decision_audit (decision_id, recorded_at, caller, nhs_number, state_version, rule_set_version, decisions, flags, payload, practice_ods, attention) FROM STDIN (FORMAT BINARY)",
                cancellationToken)
            .ConfigureAwait(false);
        await using (importer.ConfigureAwait(false))
        {
            foreach (var r in records)
            {
                importer.StartRow();
                importer.Write(r.DecisionId.ToString("D"), NpgsqlDbType.Text);
                importer.Write(r.RecordedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz);
                importer.Write(r.Caller, NpgsqlDbType.Text);
                importer.Write(r.NhsNumber, NpgsqlDbType.Text);
                importer.Write(r.StateVersion, NpgsqlDbType.Bigint);
                importer.Write(r.RuleSetVersion, NpgsqlDbType.Text);
                importer.Write(string.Empty, NpgsqlDbType.Text);
                WriteNullable(importer, r.Flags);
                importer.Write(AuditPayloadCodec.Encode(r), NpgsqlDbType.Bytea);
                WriteNullable(importer, r.PracticeOds);
                if (AuditPayloadCodec.Attention(r) is { } attention)
                {
                    importer.Write(attention, NpgsqlDbType.Integer);
                }
                else
                {
                    importer.WriteNull();
                }
            }

            await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static void WriteNullable(NpgsqlBinaryImporter importer, string? value)
    {
        if (value is { } text)
        {
            importer.Write(text, NpgsqlDbType.Text);
        }
        else
        {
            importer.WriteNull();
        }
    }

    internal override async Task AnnounceAsync(DbConnection connection, DbTransaction transaction, long version, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_notify(@channel, @version)", (NpgsqlConnection)connection, (NpgsqlTransaction)transaction);
        command.Parameters.AddWithValue("channel", PostgresChangeListener.Channel);
        command.Parameters.AddWithValue("version", version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private protected override async ValueTask DisposeCoreAsync()
    {
        PostgresChangeListener? listener;
        lock (_listenerLock)
        {
            listener = _listener;
            _listener = null;
        }

        if (listener is not null)
        {
            await listener.DisposeAsync().ConfigureAwait(false);
        }

        await _dataSource.DisposeAsync().ConfigureAwait(false);
    }

    private static void WriteText(NpgsqlBinaryImporter importer, string? value)
    {
        if (value is null)
        {
            importer.WriteNull();
        }
        else
        {
            importer.Write(value, NpgsqlDbType.Text);
        }
    }

    private static void WriteDate(NpgsqlBinaryImporter importer, DateOnly? value)
    {
        if (value is { } date)
        {
            importer.Write(date, NpgsqlDbType.Date);
        }
        else
        {
            importer.WriteNull();
        }
    }
}
