using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace RecordAccess.Benchmarks;

/// <summary>Entry decisions per second on one thread, from the median time per entry (1e9 / median ns).</summary>
public sealed class DecisionsPerSecondColumn : IColumn
{
    public string Id => nameof(DecisionsPerSecondColumn);

    public string ColumnName => "Decisions/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Entry decisions per second on one thread: 1e9 / median ns per entry (M = million); per request x 1,000 for the request path";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var median = summary[benchmarkCase]?.ResultStatistics?.Median;
        // The request-path benchmark times whole requests of RequestPathBenchmarks.Entries entries, the others one entry.
        var entries = benchmarkCase.Descriptor.Type == typeof(RequestPathBenchmarks) ? RequestPathBenchmarks.Entries : 1;
        return median is > 0 ? (1e3 * entries / median.Value).ToString("F1", CultureInfo.InvariantCulture) + " M" : "NA";
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
