namespace RecordAccess.Core.Policy;

/// <summary>Builds the live state from the whole log at start-up.</summary>
public static class PolicyLoader
{
    private const int Chunk = 65_536;

    /// <summary>
    /// Reads every event and applies it to a new contiguous state, in chunks (nobody reads the state
    /// until loading is done, so chunks need not follow transaction boundaries).
    /// </summary>
    /// <param name="store">The policy log.</param>
    /// <param name="cancellationToken">Cancels loading.</param>
    public static async Task<PolicyState> LoadAsync(IPolicyEventStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var state = new PolicyState();
        try
        {
            var chunk = new List<RecordedEvent>(Chunk);
            await foreach (var e in store.ReadAsync(0, cancellationToken).ConfigureAwait(false))
            {
                chunk.Add(e);
                if (chunk.Count == Chunk)
                {
                    state.Apply(chunk);
                    chunk.Clear();
                }
            }

            state.Apply(chunk);
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
