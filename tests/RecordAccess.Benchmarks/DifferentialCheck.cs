using System.Collections.ObjectModel;
using System.Globalization;
using RecordAccess.Core.Engine;
using RecordAccess.Core.Model;

namespace RecordAccess.Benchmarks;

/// <summary>
/// <c>--verify [records]</c>: decides generated records (realistic and adversarial) with both
/// evaluators and fails on any difference. Each record is also given to the fast evaluator as a
/// <see cref="List{T}"/> and as a <see cref="ReadOnlyCollection{T}"/>, so that every way a caller may
/// pass entries is checked; records run back to back on one thread, so reused buffers are checked too.
/// </summary>
internal static class DifferentialCheck
{
    private const int MaxReported = 5;

    public static int Run(ReadOnlySpan<string> args)
    {
        var records = args.Length > 0 ? int.Parse(args[0], NumberStyles.None, CultureInfo.InvariantCulture) : 20_000;
        var seen = new long[(int)ReasonCode.Visible + 1];
        long entries = 0;
        var failures = 0;
        for (var seed = 0; seed < records; seed++)
        {
            var realistic = seed % 5 == 0;
            var request = realistic
                ? RealisticRecord.Create(1 + (seed * 7919 % 400), seed, safeguardingFlag: seed % 50 == 0)
                : EdgeCaseRecord.Create(seed);
            var expected = ReferenceModel.Evaluate(request);
            entries += expected.Length;
            foreach (var decision in expected)
            {
                seen[(int)decision.Reason]++;
            }

            foreach (var (shape, variant) in Shapes(request))
            {
                var actual = DecisionEngine.Evaluate(variant);
                if (!actual.AsSpan().SequenceEqual(expected))
                {
                    if (++failures <= MaxReported)
                    {
                        Report(realistic ? "realistic" : "edge-case", seed, shape, expected, actual);
                    }

                    break;
                }
            }
        }

        Console.WriteLine($"Compared {records:N0} records ({entries:N0} entries) from the reference model and the fast evaluator.");
        foreach (var reason in Enum.GetValues<ReasonCode>())
        {
            Console.WriteLine($"  {reason,-24} {seen[(int)reason],10:N0}");
        }

        if (IdTableCheck.Run(2_000) > 0)
        {
            Console.WriteLine("FAILED: the id table answered differently from a dictionary.");
            return 1;
        }

        if (failures > 0)
        {
            Console.WriteLine($"FAILED: {failures} record(s) decided differently (first {MaxReported} reported above).");
            return 1;
        }

        Console.WriteLine("OK: no differences.");
        var missing = Enum.GetValues<ReasonCode>().Where(reason => seen[(int)reason] == 0).ToList();
        if (missing.Count > 0)
        {
            // Not a difference, but the check says nothing about these rules: look at the generators (or the validator).
            Console.WriteLine($"WARNING: no generated entry was decided {string.Join(", ", missing)}.");
        }

        return 0;
    }

    private static IEnumerable<(string Shape, DecisionRequest Request)> Shapes(DecisionRequest request)
    {
        yield return ("array", request);
        var list = request.Entries.ToList();
        yield return ("List<T>", request with { Entries = list });
        yield return ("ReadOnlyCollection<T>", request with { Entries = new ReadOnlyCollection<EntryFacts>(list) });
    }

    private static void Report(string generator, int seed, string shape, Decision[] expected, Decision[] actual)
    {
        Console.WriteLine($"DIFFERENCE: {generator} record, seed {seed}, entries as {shape}:");
        var shown = 0;
        for (var i = 0; i < Math.Min(expected.Length, actual.Length) && shown < 10; i++)
        {
            if (expected[i] != actual[i])
            {
                shown++;
                Console.WriteLine($"  [{i}] {expected[i].EntryId}: reference {expected[i].Reason}, fast {actual[i].EntryId} {actual[i].Reason}");
            }
        }

        if (expected.Length != actual.Length)
        {
            Console.WriteLine($"  reference gave {expected.Length} decisions, fast {actual.Length}");
        }
    }
}
