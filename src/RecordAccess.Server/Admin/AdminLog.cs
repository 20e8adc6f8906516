namespace RecordAccess.Server.Admin;

/// <summary>Logging of the admin service (event ids 200–299, stable).</summary>
internal static partial class AdminLog
{
    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "WatchChanges started for {Caller} after version {FromVersion}, practices {Practices}")]
    public static partial void WatchStarted(ILogger logger, string caller, long fromVersion, string practices);

    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "WatchChanges ended for {Caller} at version {LastVersion} after sending {Sent} events")]
    public static partial void WatchEnded(ILogger logger, string caller, long lastVersion, long sent);
}
