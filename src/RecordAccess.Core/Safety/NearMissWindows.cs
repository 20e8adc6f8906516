namespace RecordAccess.Core.Safety;

/// <summary>How soon an undoing change makes a near miss (decision 0120); bound from <c>Safety:NearMiss</c> on the server.</summary>
public sealed record NearMissWindows
{
    /// <summary>A batch coding undone for any of its patients within this long after it is <see cref="NearMissKind.BatchRevertedSoon"/> (default 24 h).</summary>
    public TimeSpan BatchRevertedWithin { get; init; } = TimeSpan.FromHours(24);

    /// <summary>A hide lifted within this long after it was made is <see cref="NearMissKind.HideLiftedSoon"/> (default 8 h).</summary>
    public TimeSpan HideLiftedWithin { get; init; } = TimeSpan.FromHours(8);

    /// <summary>The fewest patients one append of the same code must hold to count as a batch (default 2: one patient's code is a single change).</summary>
    public int MinBatchPatients { get; init; } = 2;
}
