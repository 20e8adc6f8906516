using RecordAccess.Core.Policy;
using RecordAccess.Core.Policy.Admin;
using RecordAccess.Core.Policy.Audit;
using RecordAccess.Storage;

namespace RecordAccess.Server.Policy;

/// <summary>
/// This server's policy runtime: the store, the in-memory state that follows it, the admin service that
/// writes to it, and the gate that decides and audits. Opened by <see cref="PolicyStartup"/> before the
/// server accepts calls; until then (or if opening failed) every use throws <see cref="PolicyUnavailableException"/>
/// (UNAVAILABLE on gRPC, 503 on FHIR). Handlers do not reach in here for decisions: they ask
/// <see cref="Decisions.DecisionPath"/>, which answers a typed outcome instead of throwing.
/// </summary>
internal sealed class PolicyRuntime : IAsyncDisposable
{
    private Parts? _parts;

    /// <summary>True once the store is open and the state loaded.</summary>
    public bool IsReady => Volatile.Read(ref _parts) is not null;

    public PolicyStore Store => Ready.Store;

    public PolicyState State => Ready.State;

    public PolicyAdmin Admin => Ready.Admin;

    public PolicyGate Gate => Ready.Gate;

    public PolicyFollower Follower => Ready.Follower;

    private Parts Ready => Volatile.Read(ref _parts) ?? throw new PolicyUnavailableException("The policy state is not loaded yet; retry shortly.");

    /// <summary>
    /// Waits until the state has reached <paramref name="version"/>, catching up from the store at once and then
    /// polling, for at most <paramref name="patience"/>. Returns false if it is still behind (the caller answers
    /// FAILED_PRECONDITION; never from older state).
    /// </summary>
    public async Task<bool> WaitForVersionAsync(long version, TimeSpan patience, CancellationToken cancellationToken)
    {
        var parts = Ready;
        if (parts.State.Version >= version)
        {
            return true;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(patience);
        try
        {
            while (true)
            {
                await parts.Follower.CatchUpAsync(timeout.Token).ConfigureAwait(false);
                if (parts.State.Version >= version)
                {
                    return true;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(20), timeout.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return parts.State.Version >= version;
        }
    }

    internal void Open(PolicyStore store, PolicyState state, PolicyAdmin admin, PolicyGate gate, PolicyFollower follower, AuditGroupCommitter audit) =>
        Volatile.Write(ref _parts, new Parts(store, state, admin, gate, follower, audit));

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _parts, null) is { } parts)
        {
            await parts.Audit.DisposeAsync().ConfigureAwait(false);
            parts.State.Dispose();
            await parts.Store.DisposeAsync().ConfigureAwait(false);
        }
    }

    private sealed record Parts(PolicyStore Store, PolicyState State, PolicyAdmin Admin, PolicyGate Gate, PolicyFollower Follower, AuditGroupCommitter Audit);
}
