namespace RecordAccess.Storage.Tests.Support;

/// <summary>A settable clock (Microsoft.Extensions.TimeProvider.Testing is not available here).</summary>
public sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}
