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

    /// <summary>Seed the demo practices and patients into an empty store at start (development runs).</summary>
    public bool SeedDemoData { get; set; }
}
