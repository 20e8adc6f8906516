namespace RecordAccess.Server.Tests.Infrastructure;

/// <summary>
/// The host's clock, settable by a test (Microsoft.Extensions.TimeProvider.Testing is not available here). Only the
/// wall-clock time is set: timers and timestamps stay the system's, so deadlines and polling keep running.
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
