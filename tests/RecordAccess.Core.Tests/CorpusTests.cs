using RecordAccess.Core.Engine;
using RecordAccess.Core.Model;
using Xunit;

namespace RecordAccess.Core.Tests;

/// <summary>Every hand-written corpus case against both evaluators.</summary>
public sealed class CorpusTests
{
    public static TheoryData<string> Cases => new(Corpus.Files.Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Evaluate_CorpusCase_ExpectedReasonForEveryEntry(string file)
    {
        var corpusCase = Corpus.Load(file);
        var ids = corpusCase.Request.Entries.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        Assert.True(ids.SetEquals(corpusCase.Expected.Keys), $"{file}: expected must name every entry id exactly once");

        foreach (var decisions in new[] { DecisionEngine.Evaluate(corpusCase.Request), ReferenceModel.Evaluate(corpusCase.Request) })
        {
            var actual = decisions.Select(d => $"{d.EntryId}={d.Reason}");
            var expected = corpusCase.Request.Entries.Select(e => $"{e.Id}={corpusCase.Expected[e.Id]}");
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void Corpus_Size_AtLeast80CasesCoveringEveryReason()
    {
        var all = Corpus.Files.Select(f => Corpus.Load(Path.GetFileName(f))).ToList();
        Assert.True(all.Count >= 80, $"only {all.Count} corpus cases");
        var reasons = all.SelectMany(c => c.Expected.Values).ToHashSet();
        Assert.All(Enum.GetValues<ReasonCode>(), r => Assert.Contains(r, reasons));
        Assert.All(all, c => Assert.False(string.IsNullOrWhiteSpace(c.Why), c.Name));
    }
}
