using System.Threading.Channels;

namespace RecordAccess.Core.Policy;

/// <summary>Builds the live state from the whole log at start-up.</summary>
public static class PolicyLoader
{
    private const int Chunk = 65_536;

    /// <summary>
    /// Builds the live state: from the store's latest usable snapshot when it keeps them (<see cref="IPolicySnapshotStore"/>)
    /// plus the log after it, otherwise from the whole log. See <see cref="LoadWithReportAsync"/>.
    /// </summary>
    /// <param name="store">The policy log.</param>
    /// <param name="cancellationToken">Cancels loading.</param>
    public static async Task<PolicyState> LoadAsync(IPolicyEventStore store, CancellationToken cancellationToken = default) =>
        (await LoadWithReportAsync(store, store as IPolicySnapshotStore, cancellationToken).ConfigureAwait(false)).State;

    /// <summary>
    /// Builds the live state. With <paramref name="snapshots"/>, the latest snapshot of this build's format not newer than
    /// the log is restored (decision 0100) and only the log after its version is replayed; a snapshot that is corrupt,
    /// of another format or newer than the log is ignored and the whole log replayed (the report says why). The log is
    /// cut into version ranges that several readers decode in parallel while this thread applies the ranges in order
    /// (nobody reads the state until loading is done). Changes committed while loading are read at the end.
    /// </summary>
    /// <param name="store">The policy log.</param>
    /// <param name="snapshots">Where snapshots are kept, or null to replay the whole log.</param>
    /// <param name="cancellationToken">Cancels loading.</param>
    public static async Task<PolicyLoadReport> LoadWithReportAsync(IPolicyEventStore store, IPolicySnapshotStore? snapshots, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var latest = await store.ReadVersionAsync(cancellationToken).ConfigureAwait(false);
        PolicyState? state = null;
        long? snapshotVersion = null;
        string? problem = null;
        if (snapshots is not null)
        {
            try
            {
                if (await snapshots.ReadLatestSnapshotAsync(PolicySnapshot.Format, latest, cancellationToken).ConfigureAwait(false) is { } image)
                {
                    state = PolicySnapshot.Restore(image, latest);
                    snapshotVersion = state.Version;
                }
            }
            catch (InvalidDataException e)
            {
                problem = e.Message;
            }
        }

        state ??= new PolicyState();
        try
        {
            await ReplayAsync(store, state, latest, cancellationToken).ConfigureAwait(false);
            return new PolicyLoadReport(state, snapshotVersion, problem);
        }
        catch
        {
            state.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Rebuilds one patient's state (their events and their practices' settings) as of a version or an
    /// instant, from the log; answers "why was this entry visible then?".
    /// </summary>
    /// <param name="store">The policy log.</param>
    /// <param name="nhsNumber">The patient.</param>
    /// <param name="upToVersion">The last version to include, or null.</param>
    /// <param name="before">Only events recorded strictly before this instant, or null.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public static async Task<PolicyState> LoadPatientAsync(IPolicyEventStore store, string nhsNumber, long? upToVersion = null, DateTimeOffset? before = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var events = new List<RecordedEvent>();
        await foreach (var e in store.ReadPatientHistoryAsync(nhsNumber, cancellationToken).ConfigureAwait(false))
        {
            events.Add(e);
        }

        return PolicyState.Replay(events, upToVersion, before);
    }

    private static async Task ReplayAsync(IPolicyEventStore store, PolicyState state, long latest, CancellationToken cancellationToken)
    {
        var start = state.Version;
        var ranges = (int)((Math.Max(latest - start, 0) + Chunk - 1) / Chunk);
        var readers = Math.Clamp(Math.Min(Environment.ProcessorCount, ranges), 1, 4);
        var queues = Enumerable.Range(0, readers)
            .Select(_ => Channel.CreateBounded<List<VersionedChange>>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true }))
            .ToArray();
        var tasks = Enumerable.Range(0, readers)
            .Select(r => Task.Run(() => ReadRangesAsync(store, r, readers, ranges, start, latest, queues[r].Writer, cancellationToken), cancellationToken))
            .ToArray();
        for (var k = 0; k < ranges; k++)
        {
            state.Apply(await queues[k % readers].Reader.ReadAsync(cancellationToken).ConfigureAwait(false));
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
        var tail = new List<VersionedChange>();
        await foreach (var change in store.ReadChangesAsync(Math.Max(latest, start), long.MaxValue, cancellationToken).ConfigureAwait(false))
        {
            tail.Add(change);
        }

        state.Apply(tail);
    }

    private static async Task ReadRangesAsync(
        IPolicyEventStore store, int reader, int readers, int ranges, long start, long latest, ChannelWriter<List<VersionedChange>> output, CancellationToken cancellationToken)
    {
        try
        {
            for (var k = reader; k < ranges; k += readers)
            {
                var from = start + ((long)k * Chunk);
                var chunk = new List<VersionedChange>(Chunk);
                await foreach (var change in store.ReadChangesAsync(from, Math.Min(from + Chunk, latest), cancellationToken).ConfigureAwait(false))
                {
                    chunk.Add(change);
                }

                await output.WriteAsync(chunk, cancellationToken).ConfigureAwait(false);
            }

            output.Complete();
        }
#pragma warning disable CA1031 // The failure is handed to the applying thread, which rethrows it.
        catch (Exception e)
#pragma warning restore CA1031
        {
            output.Complete(e);
        }
    }
}
