namespace RecordAccess.Server.Policy;

/// <summary>The <c>Policy</c> configuration section: how this server follows the shared log.</summary>
internal sealed class PolicyOptions
{
    /// <summary>Time between polls of the shared log for other servers' changes.</summary>
    public TimeSpan FollowInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long a call with <c>min_state_version</c> waits for this server to catch up before FAILED_PRECONDITION.</summary>
    public TimeSpan MinVersionWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Seed the demo practices and patients into an empty store at start (development runs).</summary>
    public bool SeedDemoData { get; set; }
}
