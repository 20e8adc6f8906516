namespace RecordAccess.Server.Tests.Infrastructure;

/// <summary>
/// The gate and interop hosts' clock, settable by a test. Kept instead of FakeTimeProvider (used by the FHIR host and the
/// storage and core tests) because these hosts need what FakeTimeProvider does not do: go back (the corpus tests set each
/// case's evaluation date in any order; SetUtcNow refuses an earlier time), follow the system clock again
/// (<see cref="Now"/> = null: the interop control service's "clear", and the interop hosts' default), and keep the
/// system's timers and timestamps (the policy follower's PeriodicTimer, deadlines and polling run; FakeTimeProvider's
/// timers fire only on Advance). Only the wall-clock time is set.
/// </summary>
public sealed class SettableClock : TimeProvider
{
    private long _fixedTicks = -1;

    public SettableClock(DateTimeOffset? now = null) => Now = now;

    /// <summary>The fixed time, or null for the system clock.</summary>
    public DateTimeOffset? Now
    {
        get => Interlocked.Read(ref _fixedTicks) is var ticks and >= 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
        set => Interlocked.Exchange(ref _fixedTicks, value is { } time ? time.UtcTicks : -1);
    }

    public override DateTimeOffset GetUtcNow() => Now ?? System.GetUtcNow();

    /// <summary>Noon UTC of <paramref name="date"/>: the same UK calendar date in GMT and in BST.</summary>
    public void SetDate(DateOnly date) => Now = new DateTimeOffset(date.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
}
