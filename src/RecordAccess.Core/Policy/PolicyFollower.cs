namespace RecordAccess.Core.Policy;

/// <summary>
/// Keeps one server's state following the shared log: reads the changes committed by other servers and
/// applies them, so that a withholding change made anywhere is in force here within <see cref="Interval"/>
/// (plus one read). With a store that announces commits (<see cref="IPolicyChangeNotifications"/>) it reads
/// as soon as one is announced, and the poll is only the fallback. Its own writes are in force before they
/// return (see <see cref="Admin.PolicyAdmin"/>). A failed read is retried on the next tick; the state is
/// never changed by a failure.
/// </summary>
public sealed class PolicyFollower
{
    private readonly IPolicyEventStore _store;
    private readonly PolicyState _state;
    private readonly TimeProvider _clock;
    private readonly IPolicyChangeNotifications? _notifications;
    private long _readVersion;

    /// <summary>Creates the follower.</summary>
    /// <param name="store">The shared policy log.</param>
    /// <param name="state">This server's state.</param>
    /// <param name="interval">Time between polls; 200 ms keeps "in force everywhere within one second" with room for a slow read.</param>
    /// <param name="clock">The clock the polls wait on.</param>
    /// <param name="notifications">The store's announcements of commits, if it makes them; null to poll only.</param>
    public PolicyFollower(IPolicyEventStore store, PolicyState state, TimeSpan interval, TimeProvider clock, IPolicyChangeNotifications? notifications = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        _store = store;
        _state = state;
        Interval = interval;
        _clock = clock;
        _notifications = notifications;
    }

    /// <summary>Time between polls.</summary>
    public TimeSpan Interval { get; }

    /// <summary>The last read failure, or null after a successful read (for health checks).</summary>
    public Exception? LastFailure { get; private set; }

    /// <summary>
    /// When the last poll read the log successfully (null before the first). A read that hangs (a locked store)
    /// sets no failure, so health checks also compare this with the clock to see that the state may be stale.
    /// </summary>
    public DateTimeOffset? LastSuccess { get; private set; }

    /// <summary>
    /// The highest log version this follower knows to be committed: the state's version after its last successful read,
    /// or a later version announced since. <c>LogVersion - state version</c> is how many versions this server lags.
    /// </summary>
    public long LogVersion => Math.Max(Interlocked.Read(ref _readVersion), _notifications?.Announced ?? 0);

    /// <summary>Reads and applies every change committed after the state's version, all at once (a batch is seen whole).</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<long> CatchUpAsync(CancellationToken cancellationToken = default)
    {
        var events = new List<RecordedEvent>();
        await foreach (var e in _store.ReadAsync(_state.Version, cancellationToken).ConfigureAwait(false))
        {
            events.Add(e);
        }

        _state.Apply(events);
        var version = _state.Version;
        if (version > Interlocked.Read(ref _readVersion))
        {
            Interlocked.Exchange(ref _readVersion, version);
        }

        return version;
    }

    /// <summary>Follows until cancelled: reads after each announced commit, and at least every <see cref="Interval"/>.</summary>
    /// <param name="cancellationToken">Stops following.</param>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Interval, _clock);
        do
        {
            try
            {
                await CatchUpAsync(cancellationToken).ConfigureAwait(false);
                LastFailure = null;
                LastSuccess = _clock.GetUtcNow();
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed poll is reported and retried; the follower must keep running.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LastFailure = e;
            }
        }
        while (await WaitAsync(timer, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Waits for the next tick or, with notifications, for the next announced commit, whichever is first.</summary>
    private async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            if (_notifications is null)
            {
                return await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false);
            }

            using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var tick = timer.WaitForNextTickAsync(either.Token).AsTask();
            var change = _notifications.WaitForChangeAsync(_state.Version, either.Token);
            if (await Task.WhenAny(tick, change).ConfigureAwait(false) == change && change.IsCompletedSuccessfully)
            {
                await either.CancelAsync().ConfigureAwait(false);
                await ((Task)tick).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                cancellationToken.ThrowIfCancellationRequested();
                return true;
            }

            // The tick came first, or the announcements failed: the poll decides.
            var ticked = await tick.ConfigureAwait(false);
            await either.CancelAsync().ConfigureAwait(false);
            await change.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            return ticked;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
