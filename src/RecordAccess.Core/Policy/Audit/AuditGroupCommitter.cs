using System.Threading.Channels;

namespace RecordAccess.Core.Policy.Audit;

/// <summary>
/// Writes decision audit records in groups: concurrent requests queue their records, one background
/// loop writes whatever has queued in one transaction, then tells each request its record is durable.
/// Nothing is dropped: a request's <see cref="RecordAsync"/> completes only after its record committed,
/// and fails with <see cref="AuditUnavailableException"/> when the write failed (the request then fails closed).
/// </summary>
public sealed class AuditGroupCommitter : IAsyncDisposable
{
    private readonly IDecisionAuditStore _store;
    private readonly int _maxGroup;
    private readonly Channel<Pending> _queue;
    private readonly Task _loop;

    /// <summary>Starts the background writer.</summary>
    /// <param name="store">The durable audit store.</param>
    /// <param name="maxGroup">The most records written in one transaction.</param>
    /// <param name="capacity">The most records waiting; beyond it, callers wait for room (back-pressure, never dropping).</param>
    public AuditGroupCommitter(IDecisionAuditStore store, int maxGroup = 1024, int capacity = 100_000)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxGroup, 1);
        _store = store;
        _maxGroup = maxGroup;
        _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _loop = Task.Run(WriteLoopAsync);
    }

    /// <summary>Queues a record and completes when it is durable.</summary>
    /// <param name="record">The record.</param>
    /// <param name="cancellationToken">Stops waiting for room in the queue (a queued record is still written).</param>
    /// <exception cref="AuditUnavailableException">The record could not be written.</exception>
    public async Task RecordAsync(DecisionAuditRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var pending = new Pending(record, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        try
        {
            await _queue.Writer.WriteAsync(pending, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException e)
        {
            throw new AuditUnavailableException("The audit writer is stopped.", e);
        }

        await pending.Done.Task.ConfigureAwait(false);
    }

    /// <summary>Stops accepting records, writes those queued, and waits for the writer to finish.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task WriteLoopAsync()
    {
        var group = new List<Pending>(_maxGroup);
        var records = new List<DecisionAuditRecord>(_maxGroup);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (group.Count < _maxGroup && _queue.Reader.TryRead(out var pending))
            {
                group.Add(pending);
                records.Add(pending.Record);
            }

            try
            {
                await _store.WriteAsync(records).ConfigureAwait(false);
                foreach (var p in group)
                {
                    p.Done.TrySetResult();
                }
            }
#pragma warning disable CA1031 // Every store failure must reach the waiting requests, which fail closed.
            catch (Exception e)
#pragma warning restore CA1031
            {
                var failure = new AuditUnavailableException("The decision audit could not be written: " + e.Message, e);
                foreach (var p in group)
                {
                    p.Done.TrySetException(failure);
                }
            }

            group.Clear();
            records.Clear();
        }
    }

    private sealed record Pending(DecisionAuditRecord Record, TaskCompletionSource Done);
}
