using System.Data.Common;
using RecordAccess.Core.Policy;

namespace RecordAccess.Storage;

/// <summary>Projection snapshots (decision 0100) in <c>policy_snapshots</c>, one row per part, beside the log they shortcut.</summary>
public abstract partial class PolicyStore : IPolicySnapshotStore
{
    /// <inheritdoc />
    public async Task<PolicySnapshotImage?> ReadLatestSnapshotAsync(int format, long maxVersion, CancellationToken cancellationToken = default)
    {
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var version = await ScalarAsync(connection, "SELECT MAX(version) FROM policy_snapshots WHERE format = @format AND part = 0 AND version <= @max", cancellationToken, ("@format", format), ("@max", maxVersion)).ConfigureAwait(false);
            if (version is null)
            {
                return null;
            }

            var parts = new List<byte[]>();
            var command = Command(connection, null, "SELECT part, data FROM policy_snapshots WHERE version = @version AND format = @format ORDER BY part", ("@version", version.Value), ("@format", format));
            await using (command.ConfigureAwait(false))
            {
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        // A missing part shows as a gap; PolicySnapshot.Restore then refuses the image (its length and hash fail).
                        if (reader.GetInt32(0) != parts.Count)
                        {
                            break;
                        }

                        parts.Add(reader.GetFieldValue<byte[]>(1));
                    }
                }
            }

            return new PolicySnapshotImage(version.Value, format, parts);
        }
    }

    /// <inheritdoc />
    public async Task<long?> ReadLatestSnapshotVersionAsync(int format, CancellationToken cancellationToken = default)
    {
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await ScalarAsync(connection, "SELECT MAX(version) FROM policy_snapshots WHERE format = @format AND part = 0", cancellationToken, ("@format", format)).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task WriteSnapshotAsync(PolicySnapshotImage image, int keep = 2, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, 1);
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // Not the writer lock: a snapshot is written beside the log and must not hold up appends.
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await ExecuteAsync(connection, transaction, "DELETE FROM policy_snapshots WHERE version = @version", cancellationToken, ("@version", image.Version)).ConfigureAwait(false);
                for (var part = 0; part < image.Parts.Count; part++)
                {
                    await ExecuteAsync(
                        connection,
                        transaction,
                        "INSERT INTO policy_snapshots (version, part, format, data) VALUES (@version, @part, @format, @data)",
                        cancellationToken,
                        ("@version", image.Version),
                        ("@part", part),
                        ("@format", image.Format),
                        ("@data", image.Parts[part])).ConfigureAwait(false);
                }

                await ExecuteAsync(
                    connection,
                    transaction,
                    "DELETE FROM policy_snapshots WHERE version < (SELECT MIN(version) FROM (SELECT DISTINCT version FROM policy_snapshots ORDER BY version DESC LIMIT @keep) AS newest)",
                    cancellationToken,
                    ("@keep", keep)).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<long?> ScalarAsync(DbConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var command = Command(connection, null, sql, parameters);
        await using (command.ConfigureAwait(false))
        {
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is { } value and not DBNull ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : null;
        }
    }

    private async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var command = Command(connection, transaction, sql, parameters);
        await using (command.ConfigureAwait(false))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
