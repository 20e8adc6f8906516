using RecordAccess.Core.Engine;
using RecordAccess.Core.Model;

namespace RecordAccess.Benchmarks;

/// <summary>
/// Part of <c>--verify</c>: the engine's id table answers exactly as a dictionary filled in entry order,
/// also when tiny probing budgets force it to switch to its dictionary fallback part-way through adding
/// ids or looking up parents (the path crafted colliding ids would take).
/// </summary>
internal static class IdTableCheck
{
    private static readonly (int PerEntry, int Base)[] Budgets = [(16, 1024), (0, 0), (0, 7), (1, 0), (2, 50)];

    /// <summary>Returns the number of differing answers (0 when the table is right).</summary>
    public static int Run(int rounds)
    {
        var random = new Random(2);
        var failures = 0;
        var fallbacks = 0;
        var tables = Budgets.Select(b => new IdTable(b.PerEntry, b.Base)).ToArray();
        for (var round = 0; round < rounds; round++)
        {
            var count = random.Next(0, 400);
            var pool = Math.Max(1, count * random.Next(1, 4) / 2);
            var entries = Enumerable.Range(0, count)
                .Select(_ => new EntryFacts { Id = random.Next(30) == 0 ? string.Empty : $"id-{random.Next(pool)}" })
                .ToArray();
            var lookups = Enumerable.Range(0, count).Select(_ => $"id-{random.Next(pool + 5)}").ToArray();
            foreach (var table in tables)
            {
                failures += Compare(table, entries, lookups);
                fallbacks += table.UsesFallback ? 1 : 0;
            }
        }

        Console.WriteLine($"Id table: {rounds:N0} rounds × {Budgets.Length} probing budgets, {fallbacks:N0} switched to the fallback, {failures} wrong answers.");
        return failures;
    }

    private static int Compare(IdTable table, EntryFacts[] entries, string[] lookups)
    {
        var expected = new Dictionary<string, int>(StringComparer.Ordinal);
        var wrong = 0;
        table.Reset(entries.Length);
        for (var i = 0; i < entries.Length; i++)
        {
            if (entries[i].Id.Length == 0)
            {
                continue;
            }

            var first = expected.TryAdd(entries[i].Id, i) ? -1 : expected[entries[i].Id];
            wrong += table.AddOrGetFirst(entries, i) == first ? 0 : 1;
        }

        foreach (var id in lookups)
        {
            wrong += table.Find(entries, id) == (expected.TryGetValue(id, out var p) ? p : -1) ? 0 : 1;
        }

        return wrong;
    }
}
