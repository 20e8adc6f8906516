using System.Threading.Channels;

namespace RecordAccess.Core.Policy;

/// <summary>Builds the live state from the whole log at start-up.</summary>
public static class PolicyLoader
{
    private const int Chunk = 65_536;

    /// <summary>
    /// Reads every change and applies it to a new contiguous state, in chunks (nobody reads the state
    /// until loading is done, so chunks need not follow transaction boundaries).
    /// </summary>
    /// <param name="store">The policy log.</param>
    /// <param name="cancellationToken">Cancels loading.</param>
    public static async Task<PolicyState> LoadAsync(IPolicyEventStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var state = new PolicyState();
        var chunks = Channel.CreateBounded<List<VersionedChange>>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });

        // Two stages on two cores: one reads and decodes rows, the other applies them.
        var reader = Task.Run(
            async () =>
            {
                try
                {
                    var chunk = new List<VersionedChange>(Chunk);
                    await foreach (var change in store.ReadChangesAsync(0, cancellationToken).ConfigureAwait(false))
                    {
                        chunk.Add(change);
                        if (chunk.Count == Chunk)
                        {
                            await chunks.Writer.WriteAsync(chunk, cancellationToken).ConfigureAwait(false);
                            chunk = new List<VersionedChange>(Chunk);
                        }
                    }

                    await chunks.Writer.WriteAsync(chunk, cancellationToken).ConfigureAwait(false);
                    chunks.Writer.Complete();
                }
#pragma warning disable CA1031 // The failure is handed to the applying side, which rethrows it.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    chunks.Writer.Complete(e);
                }
            },
            cancellationToken);

        try
        {
            await foreach (var chunk in chunks.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                state.Apply(chunk);
            }

            await reader.ConfigureAwait(false);
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
}
