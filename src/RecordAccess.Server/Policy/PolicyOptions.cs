namespace RecordAccess.Server.Policy;

/// <summary>The <c>Policy</c> configuration section: how this server follows the shared log.</summary>
internal sealed class PolicyOptions
{
    /// <summary>Time between polls of the shared log for other servers' changes.</summary>
    public TimeSpan FollowInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long a call with <c>min_state_version</c> waits for this server to catch up before FAILED_PRECONDITION.</summary>
    public TimeSpan MinVersionWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long the follower may go without a successful read of the shared log before this server reports the gate
    /// and admin services NOT_SERVING (its state may be stale: a withholding change made elsewhere may not be in force).
    /// </summary>
    public TimeSpan MaxStaleness { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the policy health (state loaded, follower reading) is checked and reported.</summary>
    public TimeSpan HealthCheckInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Load from the latest projection snapshot plus the log after it (decision 0100); false replays the whole log. An
    /// unusable snapshot (corrupt, another format, newer than the log) is ignored either way.
    /// </summary>
    public bool UseSnapshots { get; set; } = true;

    /// <summary>
    /// How often this server considers writing a projection snapshot; zero (the default) never writes one. Off by default
    /// because capturing holds the state's read lock (about 1–4 s at national size), during which the follower's next
    /// apply, and behind it new gate reads, wait: enable it on one server outside the load balancer's pool, or run
    /// <c>recordaccess load-state --write-snapshot</c> as a periodic job instead (decision 0100, docs/operations.md).
    /// </summary>
    public TimeSpan SnapshotInterval { get; set; } = TimeSpan.Zero;

    /// <summary>A snapshot is written only when the log has grown by at least this many versions since the latest stored one.</summary>
    public long SnapshotMinEvents { get; set; } = 100_000;

    /// <summary>Seed the demo practices and patients into an empty store at start (development runs).</summary>
    public bool SeedDemoData { get; set; }
}
