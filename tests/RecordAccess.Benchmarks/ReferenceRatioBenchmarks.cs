using BenchmarkDotNet.Attributes;
using RecordAccess.Core.Engine;
using RecordAccess.Core.Model;

namespace RecordAccess.Benchmarks;

/// <summary>
/// The reference model side by side with the fast evaluator on the same records, for the
/// Reference:Fast ratio. Times and bytes are per entry, as in <see cref="FastEvaluatorBenchmarks"/>.
/// </summary>
[MemoryDiagnoser]
public class ReferenceRatioBenchmarks
{
    private DecisionRequest[] _records = [];
    private Decision[] _decisions = [];

    [Params(100, 1_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _records = RealisticRecord.CreateMany(N, BenchmarkSettings.EntriesPerInvoke / N);
        _decisions = new Decision[N];
        WarmUp.Run(() => Fast());
        WarmUp.Run(() => Reference());
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = BenchmarkSettings.EntriesPerInvoke)]
    public ReasonCode Fast()
    {
        foreach (var record in _records)
        {
            DecisionEngine.Evaluate(record, _decisions);
        }

        return _decisions[^1].Reason;
    }

    [Benchmark(OperationsPerInvoke = BenchmarkSettings.EntriesPerInvoke)]
    public ReasonCode Reference()
    {
        var last = ReasonCode.DecisionUnavailable;
        foreach (var record in _records)
        {
            last = ReferenceModel.Evaluate(record)[^1].Reason;
        }

        return last;
    }
}
