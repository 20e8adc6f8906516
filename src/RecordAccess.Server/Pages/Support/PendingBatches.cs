using System.Collections.Concurrent;

namespace RecordAccess.Server.Pages.Support;

/// <summary>
/// Batches prepared by one member of staff and waiting for a second one's approval (dual control). Held in this
/// server's memory: a restart forgets them (they were never applied) and, with several servers, approval must reach
/// the server that holds the batch (decision 0098). The batch's id is its idempotency key, so approving twice applies once.
/// </summary>
internal sealed class PendingBatches
{
    private readonly ConcurrentDictionary<string, PendingBatch> _batches = new(StringComparer.Ordinal);

    public PendingBatch Add(PendingBatch batch)
    {
        _batches[batch.Id] = batch;
        return batch;
    }

    public IReadOnlyList<PendingBatch> Of(string ods) => [.. _batches.Values.Where(b => b.Ods == ods).OrderBy(b => b.PreparedAt)];

    public PendingBatch? Find(string id) => _batches.GetValueOrDefault(id);

    public void Remove(string id) => _batches.TryRemove(id, out _);
}

/// <summary>One batch waiting for approval: what was previewed, and who prepared it.</summary>
internal sealed record PendingBatch(string Id, string Ods, string Code, string EffectiveDate, string Reason, IReadOnlyList<string> NhsNumbers, string PreparedBy, string PreparedByRole, DateTimeOffset PreparedAt, int PatientsChanged, int LoseAccessToday, int GainAccessToday);
