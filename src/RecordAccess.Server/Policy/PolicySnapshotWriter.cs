using RecordAccess.Core.Policy;
using RecordAccess.Storage;

namespace RecordAccess.Server.Policy;

/// <summary>
/// Writes a projection snapshot (decision 0100) every <see cref="PolicyOptions.SnapshotInterval"/> when the log has grown by
/// <see cref="PolicyOptions.SnapshotMinEvents"/> since the latest stored one (by any server: each checks the store first,
/// so a fleet writes about one per interval). A failure is logged and retried at the next interval: snapshots only ever
/// shorten start-up, never decide anything.
/// </summary>
internal sealed partial class PolicySnapshotWriter(PolicyStore store, PolicyState state, PolicyOptions options, TimeProvider clock, ILogger logger)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (options.SnapshotInterval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.SnapshotInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                await WriteIfDueAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Writes a snapshot of the state if the log has grown enough since the latest stored one; returns its version or null.</summary>
    public async Task<long?> WriteIfDueAsync(CancellationToken cancellationToken)
    {
        try
        {
            var latest = await store.ReadLatestSnapshotVersionAsync(PolicySnapshot.Format, cancellationToken).ConfigureAwait(false) ?? 0;
            if (state.Version - latest < Math.Max(1, options.SnapshotMinEvents))
            {
                return null;
            }

            var started = clock.GetTimestamp();
            var image = await Task.Run(() => PolicySnapshot.Capture(state), cancellationToken).ConfigureAwait(false);
            var captureMs = clock.GetElapsedTime(started).TotalMilliseconds;
            await store.WriteSnapshotAsync(image, 2, cancellationToken).ConfigureAwait(false);
            var bytes = image.Parts.Sum(p => (long)p.Length);
            var totalMs = clock.GetElapsedTime(started).TotalMilliseconds;
            LogWritten(logger, image.Version, bytes, captureMs, totalMs);
            return image.Version;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // A failed snapshot is logged and retried; the server must keep serving.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogFailed(logger, e);
            return null;
        }
    }

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Policy snapshot written at version {Version}: {Bytes} bytes, captured in {CaptureMs:F0} ms, stored in {TotalMs:F0} ms")]
    private static partial void LogWritten(ILogger logger, long version, long bytes, double captureMs, double totalMs);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "Writing a policy snapshot failed; retried at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
