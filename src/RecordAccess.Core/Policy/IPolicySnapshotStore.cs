namespace RecordAccess.Core.Policy;

/// <summary>
/// An optional capability of a policy store: it keeps projection snapshots (decision 0100) beside the log, so a joining
/// server loads the latest snapshot and replays only the log after it. A snapshot is never the truth: the log is.
/// </summary>
public interface IPolicySnapshotStore
{
    /// <summary>The latest stored snapshot of <paramref name="format"/> at or below <paramref name="maxVersion"/>, or null when there is none.</summary>
    /// <param name="format">The image format the reader understands.</param>
    /// <param name="maxVersion">The latest version of the log: a snapshot newer than it is never returned.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<PolicySnapshotImage?> ReadLatestSnapshotAsync(int format, long maxVersion, CancellationToken cancellationToken = default);

    /// <summary>The version of the latest stored snapshot of <paramref name="format"/>, or null when there is none.</summary>
    /// <param name="format">The image format.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<long?> ReadLatestSnapshotVersionAsync(int format, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores <paramref name="image"/> (all parts in one transaction, replacing any snapshot of the same version) and deletes
    /// all but the newest <paramref name="keep"/> snapshots.
    /// </summary>
    /// <param name="image">The snapshot.</param>
    /// <param name="keep">How many snapshots to keep, at least 1.</param>
    /// <param name="cancellationToken">Cancels the write (before commit only).</param>
    Task WriteSnapshotAsync(PolicySnapshotImage image, int keep = 2, CancellationToken cancellationToken = default);
}
