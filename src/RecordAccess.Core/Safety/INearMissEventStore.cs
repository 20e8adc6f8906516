using RecordAccess.Core.Policy;

namespace RecordAccess.Core.Safety;

/// <summary>
/// The durable runtime near misses (<c>near_miss_events</c>, append-only) and the reads of the policy log the near-miss
/// finder needs (implemented by RecordAccess.Storage; decision 0119).
/// </summary>
public interface INearMissEventStore
{
    /// <summary>Writes the events in one transaction; an event whose id is already stored is skipped (a retry after an unknown outcome).</summary>
    /// <param name="events">The events.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    Task WriteNearMissEventsAsync(IReadOnlyList<NearMissEvent> events, CancellationToken cancellationToken = default);

    /// <summary>The stored runtime near misses that occurred in [<paramref name="since"/>, <paramref name="until"/>), of one practice or all (null), in no particular order.</summary>
    /// <param name="ods">One practice, or null for all.</param>
    /// <param name="since">Start (inclusive).</param>
    /// <param name="until">End (exclusive).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    IAsyncEnumerable<NearMissEvent> ReadNearMissEventsAsync(string? ods, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken = default);

    /// <summary>The policy events recorded in [<paramref name="since"/>, <paramref name="until"/>), in version order.</summary>
    /// <param name="since">Start (inclusive).</param>
    /// <param name="until">End (exclusive).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    IAsyncEnumerable<RecordedEvent> ReadEventsRecordedAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken = default);
}
