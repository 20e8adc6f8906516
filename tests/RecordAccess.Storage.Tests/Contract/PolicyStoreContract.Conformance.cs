using System.Globalization;
using RecordAccess.Core.Cases;
using RecordAccess.Core.Engine;
using RecordAccess.Core.Identifiers;
using RecordAccess.Core.Model;
using RecordAccess.Core.Policy;

namespace RecordAccess.Storage.Tests.Contract;

public abstract partial class PolicyStoreContract
{
    /// <summary>
    /// Every corpus case's state is written as events through the admin service, the whole log is read
    /// back into a fresh projection, and the engine's answers from that projection must equal the case's
    /// expected answers. Cases share one database: each case's valid practice and patient get their own
    /// identifiers, so their states cannot meet. Invalid facts (a bad SNOMED id, a missing date) cannot
    /// be stored: for those cases the admin service must refuse the fact, naming the field. Codes other
    /// than 103/104/106 are refused by the store and ignored by the engine, so refusing them changes no answer.
    /// </summary>
    [Fact]
    public async Task ConformanceCorpus_StateWrittenAsEventsAndReadBack_EngineAnswersAsExpected()
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "conformance");
        var files = Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal).ToList();
        Assert.True(files.Count > 100, $"expected the conformance corpus in {directory}");
        Clock.SetUtcNow(new DateTimeOffset(2200, 1, 1, 12, 0, 0, TimeSpan.Zero));
        var written = new List<(string File, CorpusCase Case, string Nhs, bool Refused)>();
        for (var i = 0; i < files.Count; i++)
        {
            var corpusCase = CaseReader.ReadCorpusCase(await File.ReadAllBytesAsync(files[i]));
            var (nhs, refused) = await WriteCaseStateAsync(corpusCase.Request, i);
            written.Add((Path.GetFileName(files[i]), corpusCase, nhs, refused));
        }

        using var reloaded = await ReloadAsync();
        var failures = new List<string>();
        foreach (var (file, corpusCase, nhs, refused) in written)
        {
            var request = corpusCase.Request;
            var entries = request.Entries.Select(e => CanStoreEntryId(e.Id) ? e with { Redacted = false, Released = false } : e).ToList();
            var fromStore = reloaded.BuildRequest(nhs, request.EvaluationDate.IsValid ? request.EvaluationDate.Value : default, entries, request.NationalPause);
            if (!request.EvaluationDate.IsValid)
            {
                fromStore = fromStore with { EvaluationDate = request.EvaluationDate };
            }

            var decisions = DecisionEngine.Evaluate(fromStore);
            var matches = decisions.All(d => corpusCase.Expected.TryGetValue(d.EntryId, out var want) && want == d.Reason);
            var requestInvalid = RequestValidator.FindProblem(request) is not null;
            if (!matches && !(requestInvalid && refused))
            {
                failures.Add($"{file}: got {string.Join(", ", decisions.Select(d => $"{d.EntryId}={d.Reason}"))}");
            }

            if (refused && !requestInvalid)
            {
                failures.Add($"{file}: a fact of a valid case was refused by the admin service");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static bool CanStoreEntryId(string? id) => AdminChecksProbe.IsStorableId(id);

    /// <summary>Writes one case's practice, patient and entry marks; returns the patient's NHS number in the store and whether a fact was refused.</summary>
    private async Task<(string Nhs, bool Refused)> WriteCaseStateAsync(DecisionRequest request, int index)
    {
        var system = new ChangeContext(Actor.System("conformance"), "conformance case state");
        var ods = request.Practice is { } practice && OdsCode.IsValid(practice.Ods) ? "Y" + index.ToString("D5", CultureInfo.InvariantCulture) : request.Practice?.Ods;
        var nhs = request.Patient is { } patient && NhsNumber.IsValid(patient.NhsNumber) ? TestNhs.Make(100_000 + index) : request.Patient?.NhsNumber ?? TestNhs.Make(200_000 + index);
        var writes = await CorpusState.WriteAsync(Admin, system, request, ods, nhs, e => CanStoreEntryId(e.Id));
        var refusals = writes.SelectMany(w => w.Refusals([.. CorpusState.IgnoredCodes, "is not a registered patient"])).ToList();
        Assert.All(refusals, p => Assert.False(string.IsNullOrWhiteSpace(p.Field)));
        return (nhs, refusals.Count > 0);
    }

    /// <summary>The admin service's entry-id rule, probed through its public behaviour's documented limits.</summary>
    private static class AdminChecksProbe
    {
        public static bool IsStorableId(string? id) =>
            !string.IsNullOrWhiteSpace(id) && id.Length <= 128 && !id.Any(char.IsControl) && id.Trim().Length == id.Length;
    }
}
