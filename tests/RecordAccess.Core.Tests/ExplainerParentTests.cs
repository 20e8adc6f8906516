using RecordAccess.Core.Explain;
using RecordAccess.Core.Model;
using Xunit;
using static RecordAccess.Core.Model.ReasonCode;
using static RecordAccess.Core.Tests.TestRequests;

namespace RecordAccess.Core.Tests;

/// <summary>Rule 12 in the explainer: the ancestors up to the withheld one, and parent links that cannot be followed.</summary>
public sealed class ExplainerParentTests
{
    [Fact]
    public void Rule12_GrandparentRedacted_AncestorsUpToIt()
    {
        var x = Explained.Entry(Request(Entry("c", parent: "b"), Entry("b", parent: "a"), Entry("a", parent: "root") with { Redacted = true }, Entry("root")));
        Assert.Equal(ParentWithheld, x.Decision.Reason);
        Assert.Equal([new Decision("b", ParentWithheld), new Decision("a", EntryRedacted)], x.WithheldAncestors);
        Assert.Equal("'b' → 'a': 'a' is withheld (EntryRedacted: marked not visible online)", x.DecidingCheck!.Detail);
    }

    [Fact]
    public void Rule12_ParentsVisible_AncestorsNamed()
    {
        var check = Explained.Rule(Request(Entry("c", parent: "b"), Entry("b", parent: "a"), Entry("a")), 12);
        Assert.Equal(new RuleCheck(12, ParentWithheld, false, "no ancestor is withheld: 'b' → 'a'"), check);
    }

    [Fact]
    public void Rule12_DraftChildOfRedactedParent_AlsoAppliesButRule9Decides()
    {
        var x = Explained.Entry(Request(Entry("c", parent: "p") with { Status = EntryStatus.Draft }, Entry("p") with { Redacted = true }));
        Assert.Equal(NotFinal, x.Decision.Reason);
        Assert.True(x.Checks[^1].Applies);
        Assert.Equal([new Decision("p", EntryRedacted)], x.WithheldAncestors);
    }

    [Fact]
    public void Rule12_ChildOfInvalidEntryOfRestrictedPatient_PatientRuleDecides()
    {
        var x = Explained.Entry(WithPatient(p => p with { Restricted = true }, Entry("c", parent: "p"), Entry("p", recorded: "2024-10-16")));
        Assert.Equal(RestrictedRiskOfHarm, x.Decision.Reason);
        Assert.Equal([new Decision("p", DecisionUnavailable)], x.WithheldAncestors);
    }

    [Fact]
    public void Rule0_Cycle_EveryMemberUnavailableWithTheCycleNamed()
    {
        var request = Request(Entry("a", parent: "b"), Entry("b", parent: "c"), Entry("c", parent: "a"));
        var x = Explained.Entry(request, 1);
        Assert.Equal(DecisionUnavailable, x.Decision.Reason);
        Assert.Equal("its parent chain leads back to it: 'b' → 'c' → 'a' → 'b'", x.Checks[0].Detail);
        Assert.Equal([new Decision("c", DecisionUnavailable)], x.WithheldAncestors);
    }

    [Fact]
    public void Rule12_ChainIntoACycle_EntryNotOnItIsParentWithheld()
    {
        var x = Explained.Entry(Request(Entry("x", parent: "a"), Entry("a", parent: "b"), Entry("b", parent: "a")));
        Assert.Equal(ParentWithheld, x.Decision.Reason);
        Assert.False(x.Checks[0].Applies);
        Assert.Equal([new Decision("a", DecisionUnavailable)], x.WithheldAncestors);
        Assert.Equal("'a': 'a' is withheld (DecisionUnavailable: its parent chain leads back to it: 'a' → 'b' → 'a')", x.Checks[^1].Detail);
    }

    [Fact]
    public void Rule0_OwnParent_UnavailableAndRule12NotChecked()
    {
        var x = Explained.Entry(Request(Entry("a", parent: "a")));
        Assert.Equal("the entry is its own parent", x.Checks[0].Detail);
        Assert.Equal("not checked: the entry is its own parent (rule 0)", x.Checks[^1].Detail);
        Assert.Empty(x.WithheldAncestors);
    }

    [Theory]
    [InlineData("zz", "the parent 'zz' is not in the request")]
    [InlineData("", "the parent id is empty, which refers to nothing")]
    public void Rule0_ParentNotInRequest_UnavailableAndRule12NotChecked(string parent, string detail)
    {
        var x = Explained.Entry(Request(Entry("a", parent: parent), Entry("") with { Redacted = true }));
        Assert.Equal(new RuleCheck(0, DecisionUnavailable, true, detail), x.Checks[0]);
        Assert.Equal("not checked: the parent is not in the request (rule 0)", x.Checks[^1].Detail);
    }

    [Fact]
    public void Rule12_ParentIdDuplicated_ChildWithheldByTheInvalidCopyAndDuplicatesLinkNotFollowed()
    {
        var request = Request(Entry("c", parent: "d"), Entry("d", parent: "c"), Entry("d"));
        var child = Explained.Entry(request, 0);
        Assert.Equal(ParentWithheld, child.Decision.Reason);
        Assert.Equal([new Decision("d", DecisionUnavailable)], child.WithheldAncestors);
        Assert.Contains("the id 'd' is used by 2 entries", child.Checks[^1].Detail, StringComparison.Ordinal);

        var duplicate = Explained.Entry(request, 1);
        Assert.Equal("not checked: the id is duplicated, so its parent link is not followed (rule 0)", duplicate.Checks[^1].Detail);
    }

    [Fact]
    public void Explain_DeepChain_LinearWithoutRecursion()
    {
        const int Depth = 100_000;
        var entries = Enumerable.Range(0, Depth).Select(i => Entry($"n{i}", parent: i + 1 < Depth ? $"n{i + 1}" : null)).ToArray();
        entries[^1] = entries[^1] with { Redacted = true };
        var x = DecisionExplainer.Explain(Request(entries), 0);
        Assert.Equal(ParentWithheld, x.Decision.Reason);
        Assert.Equal(Depth - 1, x.WithheldAncestors.Count);
        Assert.Equal(new Decision($"n{Depth - 1}", EntryRedacted), x.WithheldAncestors[^1]);
        Assert.StartsWith("'n1' → 'n2' → 'n3' → 'n4' → … 99991 more … → 'n99996' → 'n99997' → 'n99998' → 'n99999': 'n99999' is withheld", x.Checks[^1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_ById_FirstMatchOrNull()
    {
        var request = Request(Entry("a"), Entry("b") with { Redacted = true });
        Assert.Equal(new Decision("b", EntryRedacted), DecisionExplainer.Explain(request, "b")!.Decision);
        Assert.Null(DecisionExplainer.Explain(request, "zz"));
    }
}
