namespace RecordAccess.Core.Policy;

/// <summary>
/// The durable, append-only policy log (implemented by RecordAccess.Storage on SQLite and PostgreSQL).
/// Versions are strictly increasing, gap-free and in commit order: writers are serialised and each
/// takes version = latest + 1 inside the store's lock.
/// </summary>
public interface IPolicyEventStore
{
    /// <summary>The latest committed state version (0 for an empty log).</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<long> ReadVersionAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Every committed event with a version above <paramref name="afterVersion"/>, in version order.
    /// Called at start-up (from 0) and by followers catching up.
    /// </summary>
    /// <param name="afterVersion">Events at or below this version are skipped.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    IAsyncEnumerable<RecordedEvent> ReadAsync(long afterVersion, CancellationToken cancellationToken = default);

    /// <summary>
    /// As <see cref="ReadAsync"/> but only versions and changes, without who, when and why: the
    /// start-up load path, which reads millions of rows.
    /// </summary>
    /// <param name="afterVersion">Changes at or below this version are skipped.</param>
    /// <param name="upToVersion">Changes above this version are skipped (ranges let several readers load in parallel).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    IAsyncEnumerable<VersionedChange> ReadChangesAsync(long afterVersion, long upToVersion, CancellationToken cancellationToken = default);

    /// <summary>
    /// The events of one patient and the settings changes of every practice the patient was ever
    /// registered at, in version order: enough to rebuild that patient's state as of any version or date.
    /// Empty when the store knows nothing of the patient.
    /// </summary>
    /// <param name="nhsNumber">The patient's NHS number (ten digits).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    IAsyncEnumerable<RecordedEvent> ReadPatientHistoryAsync(string nhsNumber, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends the events <see cref="AppendRequest.Decide"/> returns, atomically (all or none), inside
    /// the store's writer lock. Before deciding, the store passes the events committed after
    /// <see cref="AppendRequest.KnownVersion"/>, so the caller validates against the latest state.
    /// A request whose idempotency key was already committed is not decided again.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the write (before commit only).</param>
    Task<AppendOutcome> AppendAsync(AppendRequest request, CancellationToken cancellationToken = default);
}
