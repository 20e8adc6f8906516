namespace RecordAccess.Server.Safety;

/// <summary>The <c>Safety:NearMiss</c> configuration section (decisions 0119, 0120).</summary>
internal sealed class NearMissOptions
{
    /// <summary>A batch coding undone for any of its patients within this long after it is a near miss.</summary>
    public TimeSpan BatchRevertedWithin { get; set; } = TimeSpan.FromHours(24);

    /// <summary>A hide (redaction, restriction, safeguarding flag) lifted within this long after it was made is a near miss.</summary>
    public TimeSpan HideLiftedWithin { get; set; } = TimeSpan.FromHours(8);

    /// <summary>The fewest patients one append of the same code must hold to count as a batch.</summary>
    public int MinBatchPatients { get; set; } = 2;

    /// <summary>Runtime near misses kept in memory while the store cannot take them; past this the oldest is dropped (logged and counted).</summary>
    public int MaxPending { get; set; } = 10_000;

    /// <summary>The first wait before writing pending runtime near misses again after the store failed; doubled up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest wait between attempts to write pending runtime near misses.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);
}
