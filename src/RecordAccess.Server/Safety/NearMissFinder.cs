using RecordAccess.Core.Safety;
using RecordAccess.Server.Policy;

namespace RecordAccess.Server.Safety;

/// <summary>
/// Finds the near misses of a period, per practice or national (decision 0118): shadow differences and
/// DecisionUnavailable answers from the decision audit, audit failures and stale-state refusals from
/// <c>near_miss_events</c>, batches reverted soon and hides lifted soon from the policy log. Newest first.
/// </summary>
internal sealed class NearMissFinder(PolicyRuntime runtime)
{
    /// <summary>The near misses that occurred in [<paramref name="from"/>, <paramref name="to"/>), newest first.</summary>
    /// <param name="ods">One practice, or null for all (national).</param>
    /// <param name="from">Start of the period (inclusive).</param>
    /// <param name="to">End of the period (exclusive).</param>
    /// <param name="ct">Cancels the read.</param>
    public Task<IReadOnlyList<NearMiss>> ListAsync(string? ods, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        // Contract C: the sources are filled in by the following commits on branch nearmiss.
        _ = (runtime, ods, from, to, ct);
        return Task.FromResult<IReadOnlyList<NearMiss>>([]);
    }
}
