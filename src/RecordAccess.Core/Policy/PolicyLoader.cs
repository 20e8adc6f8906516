using System.Threading.Channels;

namespace RecordAccess.Core.Policy;

/// <summary>Builds the live state from the whole log at start-up.</summary>
public static class PolicyLoader
{
    private const int Chunk = 65_536;

    /// <summary>
    /// Reads every change and applies it to a new contiguous state. Versions are gap-free, so the log is
    /// cut into version ranges that several readers decode in parallel while this thread applies the
    /// ranges in order (nobody reads the state until loading is done). Changes committed while loading
    /// are read at the end.
    /// </summary>
    /// <param name="store">The policy log.</param>
    /// <param name="cancellationToken">Cancels loading.</param>
    public static async Task<PolicyState> LoadAsync(IPolicyEventStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var state = new PolicyState();
        try
        {
            var latest = await store.ReadVersionAsync(cancellationToken).ConfigureAwait(false);
            var ranges = (int)((latest + Chunk - 1) / Chunk);
            var readers = Math.Clamp(Environment.ProcessorCount, 1, 4);
            var queues = Enumerable.Range(0, readers)
                .Select(_ => Channel.CreateBounded<List<VersionedChange>>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true }))
                .ToArray();
            var tasks = Enumerable.Range(0, readers)
                .Select(r => Task.Run(() => ReadRangesAsync(store, r, readers, ranges, latest, queues[r].Writer, cancellationToken), cancellationToken))
                .ToArray();
            for (var k = 0; k < ranges; k++)
            {
                state.Apply(await queues[k % readers].Reader.ReadAsync(cancellationToken).ConfigureAwait(false));
            }

            await Task.WhenAll(tasks).ConfigureAwait(false);
            var tail = new List<VersionedChange>();
            await foreach (var change in store.ReadChangesAsync(latest, long.MaxValue, cancellationToken).ConfigureAwait(false))
            {
                tail.Add(change);
            }

            state.Apply(tail);
            return state;
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

    private static async Task ReadRangesAsync(
        IPolicyEventStore store, int reader, int readers, int ranges, long latest, ChannelWriter<List<VersionedChange>> output, CancellationToken cancellationToken)
    {
        try
        {
            for (var k = reader; k < ranges; k += readers)
            {
                var from = (long)k * Chunk;
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
