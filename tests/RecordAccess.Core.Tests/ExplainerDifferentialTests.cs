using FsCheck;
using FsCheck.Xunit;
using RecordAccess.Core.Engine;
using RecordAccess.Core.Explain;
using RecordAccess.Core.Model;
using Xunit;

namespace RecordAccess.Core.Tests;

/// <summary>The explainer decides as the engine does, for every entry of generated requests and of the corpus.</summary>
public sealed class ExplainerDifferentialTests
{
    private const int Cases = 20_000;

    public static TheoryData<string> CorpusCases => CorpusTests.Cases;

    [Property(MaxTest = Cases, EndSize = 10, Arbitrary = [typeof(GeneratedRequests)])]
    public bool Explain_GeneratedRequests_DecisionEqualsEngineForEveryEntry(Generated g) =>
        ExplainAll(g.Request).SequenceEqual(DecisionEngine.Evaluate(g.Request));

    [Property(MaxTest = Cases, EndSize = 10, Arbitrary = [typeof(GeneratedRequests)])]
    public bool Explain_GeneratedRequests_ChecksAreRules0To11a12AndFirstApplyingDecides(Generated g) =>
        Enumerable.Range(0, g.Request.Entries.Count).All(i =>
        {
            var x = DecisionExplainer.Explain(g.Request, i);
            var deciding = x.Checks.FirstOrDefault(c => c.Applies);
            string[] rules = g.Request.RuleSet == RuleSetVersion.V2025_1
                ? ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "11a", "12"]
                : ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"];
            return x.Checks.Select(c => c.Name).SequenceEqual(rules)
                && x.Checks.All(c => ((int)c.Reason == c.Rule || (c.Reason == ReasonCode.AccessControlCode && c.Rule == 11)) && c.Detail.Length > 0)
                && x.Decision.Reason == (deciding?.Reason ?? ReasonCode.Visible)
                && x.WithheldAncestors.Any() == x.Checks[^1].Applies
                && (x.Decision.Reason != ReasonCode.ParentWithheld || x.WithheldAncestors[^1].Reason is not (ReasonCode.ParentWithheld or ReasonCode.Visible));
        });

    [Theory]
    [MemberData(nameof(CorpusCases))]
    public void Explain_CorpusCase_ExpectedReasonForEveryEntry(string file)
    {
        var corpusCase = Corpus.Load(file);
        var expected = corpusCase.Request.Entries.Select(e => $"{e.Id}={corpusCase.Expected[e.Id]}");
        Assert.Equal(expected, ExplainAll(corpusCase.Request).Select(d => $"{d.EntryId}={d.Reason}"));
    }

    private static Decision[] ExplainAll(DecisionRequest request) =>
        Enumerable.Range(0, request.Entries.Count).Select(i => DecisionExplainer.Explain(request, i).Decision).ToArray();
}
