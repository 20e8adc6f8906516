using System.Diagnostics;
using System.Globalization;
using RecordAccess.Core.Engine;
using RecordAccess.Core.Model;

namespace RecordAccess.Benchmarks;

/// <summary>
/// <c>--cpu</c>: the fast evaluator timed by the process's CPU time as well as by the wall clock, on the
/// same records as the BenchmarkDotNet suite. On a shared machine the wall clock also counts the time
/// other processes held the core; CPU time does not (cache interference still shows in both), so the two
/// side by side say how much of a BenchmarkDotNet figure is contention. Not a replacement for it.
/// </summary>
internal static class CpuTimeReport
{
    private const int Samples = 31;
    private static readonly TimeSpan SampleCpuTime = TimeSpan.FromMilliseconds(200);

    public static int Run()
    {
        Console.WriteLine("| scenario | N | CPU ns/entry (median) | decisions per CPU-second | wall ns/entry (median) | wall / CPU |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var n in new[] { 100, 1_000, 10_000 })
        {
            Report("realistic", n, RealisticRecord.CreateMany(n, BenchmarkSettings.EntriesPerInvoke / n));
        }

        Report("safeguarding flag", 1_000, RealisticRecord.CreateMany(1_000, BenchmarkSettings.EntriesPerInvoke / 1_000, safeguardingFlag: true));
        return 0;
    }

    private static void Report(string scenario, int n, DecisionRequest[] records)
    {
        var decisions = new Decision[n];
        void Workload()
        {
            foreach (var record in records)
            {
                DecisionEngine.Evaluate(record, decisions);
            }
        }

        WarmUp.Run(Workload);
        var cpu = new double[Samples];
        var wall = new double[Samples];
        for (var s = 0; s < Samples; s++)
        {
            var invocations = 0;
            var cpuStart = Environment.CpuUsage.TotalTime;
            var clock = Stopwatch.StartNew();
            TimeSpan used;
            do
            {
                Workload();
                invocations++;
                used = Environment.CpuUsage.TotalTime - cpuStart;
            }
            while (used < SampleCpuTime);

            var entries = (double)invocations * BenchmarkSettings.EntriesPerInvoke;
            cpu[s] = used.TotalNanoseconds / entries;
            wall[s] = clock.Elapsed.TotalNanoseconds / entries;
        }

        Array.Sort(cpu);
        Array.Sort(wall);
        var (cpuMedian, wallMedian) = (cpu[Samples / 2], wall[Samples / 2]);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"| {scenario} | {n:N0} | {cpuMedian:F1} | {1e3 / cpuMedian:F1} M | {wallMedian:F1} | {wallMedian / cpuMedian:F2} |"));
    }
}
