namespace RecordAccess.Server.Tests.Infrastructure;

/// <summary>A clock standing still at noon (UTC) of one day, so the UK calendar date is that day all year round.</summary>
public sealed class FixedClock(DateOnly today) : TimeProvider
{
    public DateOnly Today => today;

    public override DateTimeOffset GetUtcNow() => new(today.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
}
