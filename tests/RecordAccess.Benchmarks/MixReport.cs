using System.Globalization;
using RecordAccess.Core.Engine;
using RecordAccess.Core.Model;

namespace RecordAccess.Benchmarks;

/// <summary>
/// <c>--describe</c>: what the benchmark records contain (kinds, statuses, parents, labels, id lengths)
/// and how the fast evaluator decides them, plus the bytes it allocates per request once warm.
/// </summary>
internal static class MixReport
{
    public static int Run()
    {
        foreach (var n in new[] { 100, 1_000, 10_000 })
        {
            Describe(n, RealisticRecord.CreateMany(n, BenchmarkSettings.EntriesPerInvoke / n));
        }

        return 0;
    }

    private static void Describe(int n, DecisionRequest[] records)
    {
        var entries = records.SelectMany(r => r.Entries).ToList();
        var total = (double)entries.Count;
        Console.WriteLine($"## N = {n:N0} ({records.Length} records, {entries.Count:N0} entries)");
        Print("kind", entries.GroupBy(e => WireNames.Of(e.Kind)), total);
        Print("status", entries.GroupBy(e => WireNames.Of(e.Status)), total);
        Print("id length", entries.GroupBy(e => e.Id.Length.ToString(CultureInfo.InvariantCulture)), total);
        Print("labels", entries.GroupBy(e => e.Labels.Count == 0 ? "(none)" : string.Join(",", e.Labels) + (e.Released ? " released" : string.Empty)), total);
        Console.WriteLine($"  with a parent: {Share(entries.Count(e => e.ParentId is not null), total)}; "
            + $"listed before their parent: {Share(records.Sum(ChildrenBeforeParent), total)}; "
            + $"recorded before switch-on: {Share(entries.Count(e => e.RecordedDate.Value < RealisticRecord.SwitchOn), total)}; "
            + $"redacted: {Share(entries.Count(e => e.Redacted), total)}");
        var decisions = records.SelectMany(DecisionEngine.Evaluate).ToList();
        Print("decision", decisions.GroupBy(d => WireNames.Of(d.Reason)), total);
        Console.WriteLine($"  fast evaluator, allocated once warm: {AllocatedPerRequest(records):N1} B per request");
        Console.WriteLine();
    }

    private static void Print<T>(string what, IEnumerable<IGrouping<string, T>> groups, double total)
    {
        var parts = groups.OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {Share(g.Count(), total)}");
        Console.WriteLine($"  {what}: {string.Join("; ", parts)}");
    }

    private static string Share(int count, double total) => (count / total).ToString("P1", CultureInfo.InvariantCulture);

    private static int ChildrenBeforeParent(DecisionRequest record)
    {
        var position = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < record.Entries.Count; i++)
        {
            position[record.Entries[i].Id] = i;
        }

        return record.Entries.Select((e, i) => e.ParentId is { } p && position[p] > i).Count(before => before);
    }

    private static double AllocatedPerRequest(DecisionRequest[] records)
    {
        var decisions = new Decision[records[0].Entries.Count];
        for (var warm = 0; warm < 3; warm++)
        {
            Array.ForEach(records, r => DecisionEngine.Evaluate(r, decisions));
        }

        const int Rounds = 20;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var round = 0; round < Rounds; round++)
        {
            foreach (var record in records)
            {
                DecisionEngine.Evaluate(record, decisions);
            }
        }

        return (GC.GetAllocatedBytesForCurrentThread() - before) / (double)(Rounds * records.Length);
    }
}
