using BenchmarkDotNet.Attributes;
using RecordAccess.Core.Engine;
using RecordAccess.Core.Model;

namespace RecordAccess.Benchmarks;

/// <summary>
/// A patient blocked at patient level (active safeguarding flag, rule 7) with realistic 1,000-entry
/// records: every entry is withheld, but ids, parents and entry-level rule 0 are still checked.
/// </summary>
[MemoryDiagnoser]
public class BlockedPatientBenchmarks
{
    private const int N = 1_000;

    private DecisionRequest[] _records = [];
    private Decision[] _decisions = [];

    [GlobalSetup]
    public void Setup()
    {
        _records = RealisticRecord.CreateMany(N, BenchmarkSettings.EntriesPerInvoke / N, safeguardingFlag: true);
        _decisions = new Decision[N];
        WarmUp.Run(() => SafeguardingFlag1000());
    }

    [Benchmark(OperationsPerInvoke = BenchmarkSettings.EntriesPerInvoke)]
    public ReasonCode SafeguardingFlag1000()
    {
        foreach (var record in _records)
        {
            DecisionEngine.Evaluate(record, _decisions);
        }

        return _decisions[^1].Reason;
    }
}
