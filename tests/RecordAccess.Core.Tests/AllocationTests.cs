using RecordAccess.Core.Engine;
using RecordAccess.Core.Model;
using Xunit;
using static RecordAccess.Core.Tests.TestRequests;

namespace RecordAccess.Core.Tests;

/// <summary>
/// The fast engine allocates nothing per entry. Allocation counts are deterministic (unlike timings), so
/// this is a test; speed is measured by the benchmarks.
/// </summary>
public sealed class AllocationTests
{
    [Fact]
    public void Evaluate_WarmEngine_AllocatesNothing()
    {
        var request = WithPatient(p => p with { Codes = [Code(ReviewIndicated, "2023-11-01"), Code(ReviewNotIndicated, "2024-01-10")] }, Record(1_000));
        var decisions = new Decision[request.Entries.Count];
        DecisionEngine.Evaluate(request, decisions); // warm: scratch buffers grow once per thread

        var before = GC.GetAllocatedBytesForCurrentThread();
        DecisionEngine.Evaluate(request, decisions);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Contains(decisions, d => d.Reason == ReasonCode.ParentWithheld);
        Assert.Contains(decisions, d => d.Visible);
    }

    private static EntryFacts[] Record(int n) => Enumerable.Range(0, n).Select(i => i % 5 == 0
        ? Entry($"doc-{i}") with { Kind = EntryKind.Document, Labels = i % 15 == 0 ? ["R"] : [] }
        : Entry($"code-{i}", parent: $"doc-{i - (i % 5)}") with { Kind = EntryKind.Coded }).ToArray();
}
