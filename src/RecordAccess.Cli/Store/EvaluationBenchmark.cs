using System.Diagnostics;
using System.Globalization;
using RecordAccess.Core.Engine;
using RecordAccess.Core.Model;
using RecordAccess.Core.Policy;

namespace RecordAccess.Cli.Store;

/// <summary>
/// Decides requests of 100 entries for synthetic patients against a loaded state, on one thread:
/// the state lookup (<see cref="PolicyState.BuildRequest(string, DateOnly, IReadOnlyList{EntryFacts}, bool)"/>)
/// plus the engine, as a server does per request.
/// </summary>
internal static class EvaluationBenchmark
{
    public static string Run(PolicyState state, int requests)
    {
        var patients = NationalState.NhsNumbers().Take(Math.Max(1, Math.Min(state.PatientCount, 100_000))).ToArray();
        var entries = Enumerable.Range(0, 100).Select(i => new EntryFacts
        {
            Id = "entry-" + i.ToString(CultureInfo.InvariantCulture),
            RecordedDate = InputDate.Of(new DateOnly(2023, 1, 1).AddDays(i * 7)),
            Kind = (EntryKind)(1 + (i % 6)),
            Status = i % 10 == 0 ? EntryStatus.Draft : EntryStatus.Final,
            ParentId = i % 5 == 4 ? "entry-" + (i - 1).ToString(CultureInfo.InvariantCulture) : null,
        }).ToArray();
        var today = new DateOnly(2025, 6, 1);
        var decisions = new Decision[entries.Length];
        var visible = 0L;
        for (var i = 0; i < Math.Min(requests, 2_000); i++)
        {
            DecisionEngine.Evaluate(state.BuildRequest(patients[i % patients.Length], today, entries), decisions);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < requests; i++)
        {
            DecisionEngine.Evaluate(state.BuildRequest(patients[(int)((i * 7919L) % patients.Length)], today, entries), decisions);
            visible += decisions[0].Visible ? 1 : 0;
        }

        var seconds = clock.Elapsed.TotalSeconds;
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"evaluated {requests} requests x {entries.Length} entries on one thread in {seconds:F2} s: {requests / seconds:F0} requests/s, {requests * (double)entries.Length / seconds / 1e6:F2} M entry decisions/s, {allocated / (double)requests:F0} bytes allocated per request ({visible} first entries visible)");
    }
}
