using System.Data.Common;
using System.Runtime.CompilerServices;
using RecordAccess.Core.Policy;

namespace RecordAccess.Storage;

/// <summary>The SQL shared by both providers (plain ADO.NET: the hot paths read millions of rows).</summary>
public abstract partial class PolicyStore
{
    internal DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.CommandTimeout = 0;
        foreach (var (name, value) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = DbValue(value);
            command.Parameters.Add(p);
        }

        return command;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<VersionedChange> ReadChangesAsync(long afterVersion, long upToVersion, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = Command(
                connection,
                null,
                "SELECT version, kind, nhs_number, ods, item_id, code, first_date, second_date, flag FROM policy_events WHERE version > @after AND version <= @upto ORDER BY version",
                ("@after", afterVersion),
                ("@upto", upToVersion));
            await using (command.ConfigureAwait(false))
            {
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    // Millions of rows at start-up: synchronous reads (this runs on the loader's own thread) and no who/when/why.
                    while (reader.Read())
                    {
                        var columns = new EventColumns.Columns(
                            NullableString(reader, 2),
                            NullableString(reader, 3),
                            NullableString(reader, 4),
                            NullableString(reader, 5),
                            reader.IsDBNull(6) ? null : ReadDate(reader, 6),
                            reader.IsDBNull(7) ? null : ReadDate(reader, 7),
                            reader.IsDBNull(8) ? null : reader.GetBoolean(8));
                        yield return new VersionedChange(reader.GetInt64(0), EventColumns.ToChange(EventColumns.KindOf(reader.GetString(1)), columns));
                    }
                }
            }
        }
    }

    /// <summary>Reads a date column (SQLite overrides this with a faster parse of its <c>YYYY-MM-DD</c> text).</summary>
    internal virtual DateOnly ReadDate(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateOnly>(ordinal);

    private static async Task<long> LatestVersionAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM policy_events";
            command.Transaction = transaction;
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    private async IAsyncEnumerable<RecordedEvent> QueryEventsAsync(string sql, (string, object?) parameter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await foreach (var e in ReadEventsAsync(connection, null, sql, parameter, cancellationToken).ConfigureAwait(false))
            {
                yield return e;
            }
        }
    }

    private async IAsyncEnumerable<RecordedEvent> ReadEventsAsync(
        DbConnection connection, DbTransaction? transaction, string sql, (string, object?) parameter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var command = Command(connection, transaction, sql, parameter);
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                var actors = new Dictionary<(string, string, string?, string?), Actor>();
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    yield return ReadEvent(reader, actors);
                }
            }
        }
    }

    private static RecordedEvent ReadEvent(DbDataReader r, Dictionary<(string, string, string?, string?), Actor> actors)
    {
        var version = r.GetInt64(0);
        var at = r.GetFieldValue<DateTimeOffset>(1);
        var kind = EventColumns.ParseKind(r.GetString(2));
        var actorKey = (r.GetString(3), r.GetString(4), NullableString(r, 5), NullableString(r, 6));
        if (!actors.TryGetValue(actorKey, out var actor))
        {
            actor = new Actor(EventColumns.ParseActorKind(actorKey.Item1), actorKey.Item2, actorKey.Item3, actorKey.Item4);
            actors.Add(actorKey, actor);
        }

        var columns = new EventColumns.Columns(
            NullableString(r, 8),
            NullableString(r, 9),
            NullableString(r, 10),
            NullableString(r, 11),
            r.IsDBNull(12) ? null : r.GetFieldValue<DateOnly>(12),
            r.IsDBNull(13) ? null : r.GetFieldValue<DateOnly>(13),
            r.IsDBNull(14) ? null : r.GetBoolean(14));
        return new RecordedEvent(version, new PolicyEvent(at, actor, NullableString(r, 7), EventColumns.ToChange(kind, columns)));
    }

    private static string? NullableString(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private async Task<(string Fingerprint, long First, long Last)?> FindKeyAsync(DbConnection connection, DbTransaction transaction, string key, CancellationToken cancellationToken)
    {
        var command = Command(connection, transaction, "SELECT fingerprint, first_version, last_version FROM policy_idempotency WHERE idempotency_key = @key", ("@key", key));
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                    ? (reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2))
                    : null;
            }
        }
    }

    private async Task InsertKeyAsync(DbConnection connection, DbTransaction transaction, string key, string fingerprint, long first, long last, CancellationToken cancellationToken)
    {
        var command = Command(
            connection,
            transaction,
            "INSERT INTO policy_idempotency (idempotency_key, fingerprint, first_version, last_version, recorded_at) VALUES (@key, @fingerprint, @first, @last, @at)",
            ("@key", key),
            ("@fingerprint", fingerprint),
            ("@first", first),
            ("@last", last),
            ("@at", DateTimeOffset.UtcNow));
        await using (command.ConfigureAwait(false))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
