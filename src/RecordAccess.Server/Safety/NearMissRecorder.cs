using System.Threading.Channels;
using Microsoft.Extensions.Options;
using RecordAccess.Core.Safety;
using RecordAccess.Server.Policy;

namespace RecordAccess.Server.Safety;

/// <summary>
/// Records the runtime near misses, which are by definition not in the decision audit (decision 0119): an audit
/// failure answered UNAVAILABLE and a refusal because this server's state was too stale. Each is logged at error level
/// and counted at once, then kept in memory and written to <c>near_miss_events</c> in the background, retried with
/// back-off while the store refuses (the store is often the very thing that failed). At most
/// <see cref="NearMissOptions.MaxPending"/> wait; past that the oldest is dropped (logged and counted). The finder
/// lists the pending ones too, so a near miss is visible on this server before it is stored.
/// </summary>
internal sealed partial class NearMissRecorder(
    PolicyRuntime runtime, IOptions<NearMissOptions> options, TimeProvider clock, ILogger<NearMissRecorder> logger) : BackgroundService
{
    private const int WriteBatch = 500;

    private readonly Lock _lock = new();
    private readonly List<NearMissEvent> _pending = [];
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>The runtime near misses not yet stored, oldest first.</summary>
    public IReadOnlyList<NearMissEvent> Pending
    {
        get
        {
            lock (_lock)
            {
                return [.. _pending];
            }
        }
    }

    /// <summary>Records one runtime near miss now: logged (error), counted, and queued for the store.</summary>
    public NearMissEvent Record(NearMissKind kind, string? ods, string? nhsNumber, string detail)
    {
        var e = new NearMissEvent(Guid.NewGuid(), new NearMiss(kind, clock.GetUtcNow(), ods, nhsNumber, null, detail));
        LogNearMiss(logger, kind, e.Id, ods, detail);
        NearMissMetrics.Count(kind);
        NearMissEvent? dropped = null;
        lock (_lock)
        {
            if (_pending.Count >= Math.Max(1, options.Value.MaxPending))
            {
                dropped = _pending[0];
                _pending.RemoveAt(0);
            }

            _pending.Add(e);
        }

        if (dropped is not null)
        {
            NearMissMetrics.Dropped.Add(1);
            LogDropped(logger, dropped.NearMiss.Kind, dropped.Id, dropped.NearMiss.OccurredAt);
        }

        _signal.Writer.TryWrite(true);
        return e;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = options.Value.RetryDelay;
        while (await _signal.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
        {
            _signal.Reader.TryRead(out _);
            while (!stoppingToken.IsCancellationRequested && Pending.Count > 0)
            {
                if (await TryWriteAsync(stoppingToken).ConfigureAwait(false))
                {
                    delay = options.Value.RetryDelay;
                    continue;
                }

                await Task.Delay(delay, stoppingToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.Value.MaxRetryDelay.Ticks));
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);

        // One last attempt, so a near miss of the last moments is not lost with the process when the store is there.
        using var last = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        last.CancelAfter(TimeSpan.FromSeconds(2));
        while (Pending.Count > 0 && !last.IsCancellationRequested && await TryWriteAsync(last.Token).ConfigureAwait(false))
        {
        }

        foreach (var e in Pending)
        {
            LogLost(logger, e.NearMiss.Kind, e.Id, e.NearMiss.OccurredAt);
        }
    }

    /// <summary>Writes the oldest pending near misses; true when they are stored.</summary>
    private async Task<bool> TryWriteAsync(CancellationToken cancellationToken)
    {
        NearMissEvent[] batch;
        lock (_lock)
        {
            batch = [.. _pending.Take(WriteBatch)];
        }

        if (batch.Length == 0)
        {
            return true;
        }

        try
        {
            await runtime.Store.WriteNearMissEventsAsync(batch, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogWriteFailed(logger, batch.Length, e);
            return false;
        }

        var written = batch.Select(b => b.Id).ToHashSet();
        lock (_lock)
        {
            _pending.RemoveAll(p => written.Contains(p.Id));
        }

        return true;
    }

    [LoggerMessage(EventId = 1180, Level = LogLevel.Error, Message = "Near miss {Kind} {NearMissId} (practice {Ods}): {Detail}")]
    private static partial void LogNearMiss(ILogger logger, NearMissKind kind, Guid nearMissId, string? ods, string detail);

    [LoggerMessage(EventId = 1181, Level = LogLevel.Warning, Message = "{Count} near misses could not be stored yet; retrying")]
    private static partial void LogWriteFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(EventId = 1182, Level = LogLevel.Error, Message = "Near miss {Kind} {NearMissId} of {OccurredAt:O} dropped unstored: too many waiting for the store (Safety:NearMiss:MaxPending)")]
    private static partial void LogDropped(ILogger logger, NearMissKind kind, Guid nearMissId, DateTimeOffset occurredAt);

    [LoggerMessage(EventId = 1183, Level = LogLevel.Error, Message = "Near miss {Kind} {NearMissId} of {OccurredAt:O} lost at shutdown: the store could not take it (its first log line above stays)")]
    private static partial void LogLost(ILogger logger, NearMissKind kind, Guid nearMissId, DateTimeOffset occurredAt);
}
