using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Perfolizer.Horology;

namespace RecordAccess.Benchmarks;

/// <summary>
/// One job for every benchmark: three launches of 20 measured iterations of about 250 ms each, so that a
/// full run stays within a few minutes on the 2-core machine while the median is stable. The job is
/// marked default, so command-line job options such as <c>--affinity 2</c> are applied on top of it.
/// </summary>
public static class BenchmarkSettings
{
    /// <summary>Entries decided per benchmark invocation: every benchmark reports time and bytes per entry.</summary>
    public const int EntriesPerInvoke = 10_000;

    /// <summary>
    /// The configuration used by <c>Program</c>. With <paramref name="defaultJob"/> false (the command line names a job,
    /// e.g. <c>--job Dry</c> for a smoke run) the PerEntry job is left out, so the named job is the only one.
    /// </summary>
    public static IConfig Create(bool defaultJob = true)
    {
        if (!defaultJob)
        {
            return DefaultConfig.Instance
                .AddColumn(StatisticColumn.Median, StatisticColumn.Min, StatisticColumn.Max)
                .AddColumn(new DecisionsPerSecondColumn());
        }

        var job = Job.Default
            .WithLaunchCount(3)
            .WithWarmupCount(6)
            .WithIterationCount(20)
            .WithIterationTime(TimeInterval.FromMilliseconds(250))
            .WithId("PerEntry")
            .AsDefault();
        return DefaultConfig.Instance
            .AddJob(job)
            .AddColumn(StatisticColumn.Median, StatisticColumn.Min, StatisticColumn.Max)
            .AddColumn(new DecisionsPerSecondColumn());
    }
}
