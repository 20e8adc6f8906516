using Microsoft.Extensions.Options;
using RecordAccess.Core.Policy;
using RecordAccess.Core.Policy.Events;
using RecordAccess.Core.Safety;
using RecordAccess.Server.Policy;

namespace RecordAccess.Server.Safety;

/// <summary>
/// Finds the near misses of a period, per practice or national (decisions 0118–0120): shadow differences and
/// DecisionUnavailable answers from the decision audit (<see cref="Core.Policy.Audit.IDecisionAuditStore.ReadNeedingAttentionAsync"/>),
/// audit failures and stale-state refusals from <c>near_miss_events</c> and this server's not yet stored ones
/// (<see cref="NearMissRecorder"/>), batches reverted soon and hides lifted soon from the policy log
/// (<see cref="NearMissLog"/>). Newest first. Reads the store, not this server's state, so every server lists the same.
/// </summary>
internal sealed class NearMissFinder(PolicyRuntime runtime, NearMissRecorder recorder, IOptions<NearMissOptions> options)
{
    /// <summary>The near misses that occurred in [<paramref name="from"/>, <paramref name="to"/>), newest first.</summary>
    /// <param name="ods">One practice, or null for all (national).</param>
    /// <param name="from">Start of the period (inclusive).</param>
    /// <param name="to">End of the period (exclusive).</param>
    /// <param name="ct">Cancels the read.</param>
    public async Task<IReadOnlyList<NearMiss>> ListAsync(string? ods, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var store = runtime.Store;
        var found = new List<NearMiss>();
        await foreach (var record in store.ReadNeedingAttentionAsync(ods, from, to, ct).ConfigureAwait(false))
        {
            found.AddRange(NearMissAudit.Of(record));
        }

        var seen = new HashSet<Guid>();
        await foreach (var e in store.ReadNearMissEventsAsync(ods, from, to, ct).ConfigureAwait(false))
        {
            if (seen.Add(e.Id))
            {
                found.Add(e.NearMiss);
            }
        }

        foreach (var e in recorder.Pending)
        {
            var m = e.NearMiss;
            if (m.OccurredAt >= from && m.OccurredAt < to && (ods is null || m.Ods == ods) && seen.Add(e.Id))
            {
                found.Add(m);
            }
        }

        found.AddRange(await FromLogAsync(ods, from, to, ct).ConfigureAwait(false));
        return [.. found.OrderByDescending(m => m.OccurredAt).ThenBy(m => m.Kind)];
    }

    private async Task<IEnumerable<NearMiss>> FromLogAsync(string? ods, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var o = options.Value;
        var windows = new NearMissWindows { BatchRevertedWithin = o.BatchRevertedWithin, HideLiftedWithin = o.HideLiftedWithin, MinBatchPatients = o.MinBatchPatients };
        var lookBack = o.BatchRevertedWithin > o.HideLiftedWithin ? o.BatchRevertedWithin : o.HideLiftedWithin;
        var events = new List<RecordedEvent>();
        await foreach (var e in runtime.Store.ReadEventsRecordedAsync(from - lookBack, to, ct).ConfigureAwait(false))
        {
            events.Add(e);
        }

        // First pass: which patients' practices the near misses need (few); then their registrations from the log.
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        if (NearMissLog.Find(events, windows, from, to, (nhs, _) =>
        {
            wanted.Add(nhs);
            return null;
        }).Count == 0)
        {
            return [];
        }

        var registrations = new Dictionary<string, List<(long Version, string Ods)>>(StringComparer.Ordinal);
        foreach (var nhs in wanted)
        {
            var list = new List<(long, string)>();
            await foreach (var e in runtime.Store.ReadPatientHistoryAsync(nhs, ct).ConfigureAwait(false))
            {
                if (e.Event.Change is PatientRegistered r && r.NhsNumber == nhs)
                {
                    list.Add((e.Version, r.Ods));
                }
            }

            registrations[nhs] = list;
        }

        string? PracticeOf(string nhs, long version) =>
            registrations.TryGetValue(nhs, out var list) ? list.LastOrDefault(r => r.Version <= version).Ods : null;

        var found = NearMissLog.Find(events, windows, from, to, PracticeOf);
        return ods is null ? found : found.Where(m => m.Ods == ods);
    }
}
