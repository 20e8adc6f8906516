using System.Globalization;
using System.Text;

namespace RecordAccess.SafetyCase;

/// <summary>
/// <c>RecordAccess.SafetyCase --hazard-log docs/hazard-log.md --results DIR</c>: prints the hazard → test table for
/// one run and exits 0 when every hazard is evidenced by tests that ran and passed, 1 when any is not, 2 when the
/// inputs cannot be read.
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        string? log = null;
        string? results = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--hazard-log" when i + 1 < args.Length:
                    log = args[++i];
                    break;
                case "--results" when i + 1 < args.Length:
                    results = args[++i];
                    break;
                default:
                    Console.Error.WriteLine($"unknown argument '{args[i]}'");
                    return Usage();
            }
        }

        if (log is null || results is null)
        {
            return Usage();
        }

        if (!File.Exists(log))
        {
            Console.Error.WriteLine($"no hazard log at '{log}'");
            return 2;
        }

        if (!Directory.Exists(results))
        {
            Console.Error.WriteLine($"no results directory at '{results}'");
            return 2;
        }

        var rows = HazardLog.Parse(File.ReadAllText(log));
        var tests = TestResults.ReadDirectory(results);
        if (rows.Count == 0)
        {
            Console.Error.WriteLine($"'{log}' has no hazard rows (a table with a \"test that shows it\" column and hazard ids)");
            return 2;
        }

        if (tests.Count == 0)
        {
            Console.Error.WriteLine($"'{results}' holds no test results (*.trx)");
            return 2;
        }

        var evidence = EvidenceCheck.Check(rows, tests);
        Console.Write(Table(evidence));
        return evidence.All(e => e.Green) ? 0 : 1;
    }

    /// <summary>The table the test command prints: one line per hazard, the reasons under a red one.</summary>
    internal static string Table(IReadOnlyList<HazardEvidence> evidence)
    {
        var text = new StringBuilder();
        var width = Math.Max(6, evidence.Max(e => e.Row.Id.Length));
        text.AppendLine(CultureInfo.InvariantCulture, $"{"hazard".PadRight(width)}  status  tests passed  section");
        foreach (var e in evidence)
        {
            var count = $"{e.PassedCount}/{e.Tests.Count}";
            text.AppendLine(CultureInfo.InvariantCulture, $"{e.Row.Id.PadRight(width)}  {(e.Green ? "green" : "RED  ")}   {count,-12}  {e.Row.Section}");
            foreach (var problem in e.Problems.Take(10))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"{string.Empty.PadRight(width)}    - {problem}");
            }

            if (e.Problems.Count > 10)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"{string.Empty.PadRight(width)}    - and {e.Problems.Count - 10} more");
            }
        }

        var red = evidence.Count(e => !e.Green);
        text.AppendLine(CultureInfo.InvariantCulture, $"{evidence.Count} hazards: {evidence.Count - red} green, {red} red");
        return text.ToString();
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: RecordAccess.SafetyCase --hazard-log PATH --results DIRECTORY");
        return 2;
    }
}
