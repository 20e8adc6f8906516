namespace RecordAccess.Server.Gate;

/// <summary>
/// How many streamed records each caller has open on this server, across all its streams, so no caller can make the
/// server hold more than <see cref="GateOptions.MaxOpenRecordsPerCaller"/> records by opening many streams.
/// </summary>
internal sealed class OpenRecordBudget
{
    private readonly Dictionary<string, int> _open = new(StringComparer.Ordinal);

    /// <summary>Takes one record for <paramref name="caller"/>; false if it already holds <paramref name="limit"/>.</summary>
    public bool TryTake(string caller, int limit)
    {
        lock (_open)
        {
            var held = _open.GetValueOrDefault(caller);
            if (held >= limit)
            {
                return false;
            }

            _open[caller] = held + 1;
            return true;
        }
    }

    public void Return(string caller, int count = 1)
    {
        lock (_open)
        {
            var held = _open.GetValueOrDefault(caller) - count;
            if (held <= 0)
            {
                _open.Remove(caller);
            }
            else
            {
                _open[caller] = held;
            }
        }
    }
}
