using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using RecordAccess.Core.Policy.Audit;
using RecordAccess.Storage.Audit;
using RecordAccess.Storage.Model;

namespace RecordAccess.Storage;

/// <summary>
/// The decision audit (<c>decision_audit</c>): written in groups by <see cref="AuditGroupCommitter"/>, one row per
/// request with its compact payload (decision 0108); rows written before it hold JSON answers and read as before.
/// </summary>
public abstract partial class PolicyStore
{
    /// <summary>The columns every audit read selects, in <see cref="ReadAuditRow"/>'s order.</summary>
    private const string AuditSelectList = "decision_id, recorded_at, caller, nhs_number, state_version, rule_set_version, decisions, flags, payload, practice_ods, attention";

    /// <inheritdoc />
    public async Task WriteAsync(IReadOnlyList<DecisionAuditRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            return;
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await InsertAuditAsync(connection, transaction, records, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }

        var provider = new KeyValuePair<string, object?>("provider", ProviderTag);
        StorageMetrics.AuditCommitDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds, provider);
        StorageMetrics.AuditRecords.Add(records.Count, provider);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<DecisionAuditRecord> ReadForPatientAsync(string nhsNumber, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var context = CreateContext();
        await using (context.ConfigureAwait(false))
        {
            // Through the EF model: audit reads are rare and small; SQLite cannot order DateTimeOffset in SQL.
            var rows = await context.Audit.AsNoTracking().Where(a => a.NhsNumber == nhsNumber).ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var row in rows.OrderBy(r => r.RecordedAt).ThenBy(r => r.DecisionId, StringComparer.Ordinal))
            {
                yield return ToRecord(row);
            }
        }
    }

    /// <inheritdoc />
    public async Task<DecisionAuditRecord?> ReadAsync(Guid decisionId, CancellationToken cancellationToken = default)
    {
        var id = decisionId.ToString("D");
        var context = CreateContext();
        await using (context.ConfigureAwait(false))
        {
            var row = await context.Audit.AsNoTracking().Where(a => a.DecisionId == id).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            return row is null ? null : ToRecord(row);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<DecisionAuditRecord> ReadNeedingAttentionAsync(
        string? practiceOds, DateTimeOffset from, DateTimeOffset to, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Both partial indexes hold only rows with an attention marker; recorded_at is written in UTC on both providers,
        // so SQLite's text comparison orders it as PostgreSQL's timestamptz does.
        var sql = practiceOds is null
            ? $"SELECT {AuditSelectList} FROM decision_audit WHERE attention IS NOT NULL AND recorded_at >= @from AND recorded_at < @to ORDER BY recorded_at, decision_id"
            : $"SELECT {AuditSelectList} FROM decision_audit WHERE attention IS NOT NULL AND practice_ods = @ods AND recorded_at >= @from AND recorded_at < @to ORDER BY recorded_at, decision_id";
        var rows = new List<AuditRow>();
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = Command(connection, null, sql, ("@from", from.ToUniversalTime()), ("@to", to.ToUniversalTime()), ("@ods", practiceOds));
            await using (command.ConfigureAwait(false))
            {
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        rows.Add(ReadAuditRow(reader));
                    }
                }
            }
        }

        foreach (var row in rows)
        {
            yield return ToRecord(row);
        }
    }

    /// <summary>A stored row as a record: the compact payload when there is one, else the JSON answers (older rows).</summary>
    /// <exception cref="AuditRecordCorruptException">The row cannot be read.</exception>
    internal static DecisionAuditRecord ToRecord(AuditRow row)
    {
        if (row.Payload is not { } payload)
        {
            return AuditJson.ToRecord(row);
        }

        if (!Guid.TryParse(row.DecisionId, out var id))
        {
            throw new AuditRecordCorruptException($"The audit row '{row.DecisionId}' has no readable decision id.");
        }

        var header = new DecisionAuditRecord(id, row.RecordedAt, row.Caller, row.NhsNumber, row.StateVersion, row.RuleSetVersion, [], row.Flags);
        return AuditPayloadCodec.Decode(header, payload);
    }

    private static AuditRow ReadAuditRow(DbDataReader r) => new()
    {
        DecisionId = r.GetString(0),
        RecordedAt = r.GetFieldValue<DateTimeOffset>(1),
        Caller = r.GetString(2),
        NhsNumber = r.GetString(3),
        StateVersion = r.GetInt64(4),
        RuleSetVersion = r.GetString(5),
        Decisions = r.GetString(6),
        Flags = r.IsDBNull(7) ? null : r.GetString(7),
        Payload = r.IsDBNull(8) ? null : r.GetFieldValue<byte[]>(8),
        PracticeOds = r.IsDBNull(9) ? null : r.GetString(9),
        Attention = r.IsDBNull(10) ? null : r.GetInt32(10),
    };

    private string ProviderTag => Provider == StorageProvider.Sqlite ? "sqlite" : "postgres";
}
