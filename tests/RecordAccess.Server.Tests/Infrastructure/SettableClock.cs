namespace RecordAccess.Server.Tests.Infrastructure;

/// <summary>A settable clock registered as the host's TimeProvider (Microsoft.Extensions.TimeProvider.Testing is not available here).</summary>
public sealed class SettableClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
