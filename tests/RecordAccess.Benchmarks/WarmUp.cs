using System.Diagnostics;

namespace RecordAccess.Benchmarks;

/// <summary>
/// Runs a benchmark's workload in its global setup until tiered compilation has promoted the engine to
/// optimised code, so that BenchmarkDotNet's pilot stage sizes iterations on the real speed (otherwise
/// it measures tier-0 code, picks too few invocations and warns about short iterations).
/// </summary>
internal static class WarmUp
{
    public static void Run(Action workload)
    {
        for (var round = 0; round < 3; round++)
        {
            var clock = Stopwatch.StartNew();
            while (clock.ElapsedMilliseconds < 150)
            {
                workload();
            }

            // Tier-1 promotion happens on a background thread after a quiet period of about 100 ms.
            Thread.Sleep(250);
        }
    }
}
