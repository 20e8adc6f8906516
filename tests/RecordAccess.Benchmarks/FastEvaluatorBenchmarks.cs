using BenchmarkDotNet.Attributes;
using RecordAccess.Core.Engine;
using RecordAccess.Core.Model;

namespace RecordAccess.Benchmarks;

/// <summary>
/// The production evaluator on realistic records of N entries. Each invocation decides
/// <see cref="BenchmarkSettings.EntriesPerInvoke"/> entries (10,000 / N different records), so the
/// reported time and allocation are per entry.
/// </summary>
[MemoryDiagnoser]
public class FastEvaluatorBenchmarks
{
    private DecisionRequest[] _records = [];
    private Decision[] _decisions = [];

    [Params(100, 1_000, 10_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _records = RealisticRecord.CreateMany(N, BenchmarkSettings.EntriesPerInvoke / N);
        _decisions = new Decision[N];
        WarmUp.Run(() => Evaluate());
    }

    [Benchmark(OperationsPerInvoke = BenchmarkSettings.EntriesPerInvoke)]
    public ReasonCode Evaluate()
    {
        foreach (var record in _records)
        {
            DecisionEngine.Evaluate(record, _decisions);
        }

        return _decisions[^1].Reason;
    }
}
