using System.Globalization;
using System.Runtime.CompilerServices;
using RecordAccess.Core.Policy;
using RecordAccess.Core.Safety;

namespace RecordAccess.Storage;

/// <summary>
/// <c>near_miss_events</c> (append-only: inserted, never updated or deleted) and the policy log by time, for the
/// near-miss finder (decision 0119). Instants are written in UTC, so SQLite's text comparison orders them.
/// </summary>
public abstract partial class PolicyStore : INearMissEventStore
{
    /// <summary>How far outside a period a read of the log by time looks in SQL (an instant written with another offset); the exact bounds are applied after.</summary>
    private static readonly TimeSpan TimeMargin = TimeSpan.FromDays(1);

    /// <inheritdoc />
    public async Task WriteNearMissEventsAsync(IReadOnlyList<NearMissEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return;
        }

        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                foreach (var e in events)
                {
                    var m = e.NearMiss;
                    var command = Command(
                        connection,
                        transaction,
                        "INSERT INTO near_miss_events (id, kind, occurred_at, ods, nhs_number, decision_id, detail) VALUES (@id, @kind, @at, @ods, @nhs, @decision, @detail) ON CONFLICT (id) DO NOTHING",
                        ("@id", e.Id.ToString("D")),
                        ("@kind", m.Kind.ToString()),
                        ("@at", m.OccurredAt.ToUniversalTime()),
                        ("@ods", m.Ods),
                        ("@nhs", m.NhsNumber),
                        ("@decision", m.DecisionId?.ToString("D")),
                        ("@detail", m.Detail));
                    await using (command.ConfigureAwait(false))
                    {
                        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    }
                }

                await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<NearMissEvent> ReadNearMissEventsAsync(
        string? ods, DateTimeOffset since, DateTimeOffset until, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var sql = "SELECT id, kind, occurred_at, ods, nhs_number, decision_id, detail FROM near_miss_events WHERE occurred_at >= @since AND occurred_at < @until"
                + (ods is null ? string.Empty : " AND ods = @ods");
            (string, object?)[] parameters = ods is null
                ? [("@since", since.ToUniversalTime()), ("@until", until.ToUniversalTime())]
                : [("@since", since.ToUniversalTime()), ("@until", until.ToUniversalTime()), ("@ods", ods)];
            var command = Command(connection, null, sql, parameters);
            await using (command.ConfigureAwait(false))
            {
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        var nearMiss = new NearMiss(
                            Enum.Parse<NearMissKind>(reader.GetString(1)),
                            reader.GetFieldValue<DateTimeOffset>(2),
                            NullableString(reader, 3),
                            NullableString(reader, 4),
                            reader.IsDBNull(5) ? null : Guid.Parse(reader.GetString(5), CultureInfo.InvariantCulture),
                            reader.GetString(6));
                        yield return new NearMissEvent(Guid.Parse(reader.GetString(0), CultureInfo.InvariantCulture), nearMiss);
                    }
                }
            }
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<RecordedEvent> ReadEventsRecordedAsync(DateTimeOffset since, DateTimeOffset until, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = Command(
                connection,
                null,
                $"SELECT {EventColumns.SelectList} FROM policy_events WHERE recorded_at >= @since AND recorded_at < @until ORDER BY version",
                ("@since", (since - TimeMargin).ToUniversalTime()),
                ("@until", (until + TimeMargin).ToUniversalTime()));
            await using (command.ConfigureAwait(false))
            {
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    var actors = new Dictionary<(string, string, string?, string?), Actor>();
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        var e = ReadEvent(reader, actors);
                        if (e.Event.RecordedAt >= since && e.Event.RecordedAt < until)
                        {
                            yield return e;
                        }
                    }
                }
            }
        }
    }
}
