using RecordAccess.Core.Explain;
using RecordAccess.Core.Model;
using Xunit;
using static RecordAccess.Core.Model.ReasonCode;
using static RecordAccess.Core.Tests.Dates;
using static RecordAccess.Core.Tests.TestRequests;

namespace RecordAccess.Core.Tests;

/// <summary>Rule set 2025.1: rule 11a, rule 0 for an entry's code, and "in effect"; each through both evaluators (and 2024.1 kept).</summary>
public sealed class RuleSet2025Tests
{
    private static EntryFacts Coded(string? code, string id = "k1", string? parent = null) =>
        Entry(id, parent: parent) with { Kind = EntryKind.Coded, Code = code };

    // Rule 11a
    [Theory]
    [InlineData(Declined)]
    [InlineData(ReviewIndicated)]
    [InlineData(ReviewNotIndicated)]
    public void Rule11a_EntryRecordsAnAccessCode_AccessControlCode(string code) =>
        Assert.Equal([AccessControlCode, Visible], Decide.All(Request(Coded(code), Entry("e2"))));

    [Fact]
    public void Rule11a_AccessCodeOnParent_ChildrenParentWithheld() =>
        Assert.Equal([AccessControlCode, ParentWithheld, ParentWithheld],
            Decide.All(Request(Coded(ReviewIndicated, "d1"), Entry("c1", parent: "d1"), Coded("22298006", "c2", parent: "c1"))));

    [Fact]
    public void Rule11a_AccessCodeOnChildOnly_ParentVisible() =>
        Assert.Equal([Visible, AccessControlCode], Decide.All(Request(Entry("c1"), Coded(Declined, "k1", parent: "c1"))));

    [Fact]
    public void Rule11a_ReleasedAndGranted_StillWithheld()
    {
        var entry = Coded(ReviewNotIndicated) with { Labels = ["R"], Released = true };
        var request = WithPatient(p => p with { IndividualGrantDate = I("2024-10-01"), HistoricFromDate = I("1900-01-01") }, entry);
        Assert.Equal(AccessControlCode, Decide.First(request));
    }

    [Fact]
    public void Rule11a_AfterRule11_SensitiveDecidesFirst() =>
        Assert.Equal(EntrySensitive, Decide.First(Request(Coded(ReviewIndicated) with { Labels = ["NOPAT"] })));

    [Fact]
    public void Rule11a_BeforeRule12_ChildWithCodeUnderWithheldParentIsAccessControlCode() =>
        Assert.Equal([EntryRedacted, AccessControlCode], Decide.All(Request(Entry("d1") with { Redacted = true }, Coded(Declined, "k1", parent: "d1"))));

    [Fact]
    public void Rule11a_ValidUnrelatedCode_Ignored() => Assert.Equal(Visible, Decide.First(Request(Coded("22298006"))));

    [Fact]
    public void Rule11a_Explained_InPlainWords()
    {
        var x = Explained.Entry(Request(Coded(ReviewIndicated)));
        var check = x.DecidingCheck!;
        Assert.Equal("11a", check.Name);
        Assert.Equal(
            "The entry records an online-access code (1364731000000104, enhanced review indicated); a patient must not learn from their record "
            + "that access was reviewed, restricted or declined. No release or grant lifts this.",
            check.Detail);
    }

    // Rule 0 for an entry's code
    [Theory]
    [InlineData("1364731000000105")] // a mistyped 104: Verhoeff
    [InlineData("01364731000000104")]
    [InlineData("")]
    [InlineData("104")]
    [InlineData("1364731000000104 ")]
    public void Rule0_EntryCodeNotAConceptId_UnavailableAndChildrenWithheld(string code)
    {
        Assert.Equal([DecisionUnavailable, ParentWithheld, Visible], Decide.All(Request(Coded(code), Entry("c1", parent: "k1"), Entry("e2"))));
        Assert.StartsWith($"the code '{code}' ", Explained.Rule(Request(Coded(code)), 0).Detail, StringComparison.Ordinal);
    }

    // In effect
    [Theory]
    [InlineData("2024-10-14", Visible)]
    [InlineData("2024-10-15", Visible)] // dated today: in effect
    [InlineData("2024-10-16", EnhancedReviewRequired)] // dated tomorrow: waits (hazard H12)
    public void InEffect_106RelativeToEvaluationDate_LiftsAPast104OnlyFromItsDate(string date, ReasonCode expected) =>
        Assert.Equal(expected, Decide.First(WithPatient(p => p with { Codes = [Code(ReviewIndicated, "2024-01-01"), Code(ReviewNotIndicated, date)] })));

    [Theory]
    [InlineData("2024-10-15", Visible)]
    [InlineData("2024-10-16", EnhancedReviewRequired)]
    public void InEffect_GrantRelativeToEvaluationDate_LiftsA104OnlyFromItsDate(string grant, ReasonCode expected) =>
        Assert.Equal(expected, Decide.First(WithPatient(p => p with { Codes = [Code(ReviewIndicated, "2024-01-01")], IndividualGrantDate = I(grant) })));

    [Theory]
    [InlineData("2024-10-15", Visible)]
    [InlineData("2024-10-16", PatientDeclined)]
    public void InEffect_GrantRelativeToEvaluationDate_LiftsA103OnlyFromItsDate(string grant, ReasonCode expected) =>
        Assert.Equal(expected, Decide.First(WithPatient(p => p with { Codes = [Code(Declined, "2024-01-01")], IndividualGrantDate = I(grant) })));

    [Theory]
    [InlineData("2024-10-15", Visible)]
    [InlineData("2024-10-16", PracticeOptedOut)]
    public void InEffect_GrantRelativeToEvaluationDate_LiftsAnOptOutOnlyFromItsDate(string grant, ReasonCode expected) =>
        Assert.Equal(expected, Decide.First(WithPatient(p => p with { IndividualGrantDate = I(grant) }) with { Practice = Practice with { OptedOut = true } }));

    [Theory]
    [InlineData(ReviewIndicated, EnhancedReviewRequired)]
    [InlineData(Declined, PatientDeclined)]
    public void InEffect_FutureDatedWithholdingCode_WithholdsNow(string code, ReasonCode expected) =>
        Assert.Equal(expected, Decide.First(WithPatient(p => p with { Codes = [Code(ReviewNotIndicated, "2024-01-01"), Code(code, "2024-11-01")] })));

    [Fact]
    public void InEffect_Future106_ExplainedAsWaiting()
    {
        var check = Explained.Rule(WithPatient(p => p with { Codes = [Code(ReviewIndicated, "2024-01-01"), Code(ReviewNotIndicated, "2024-10-16")] }), 5);
        Assert.Equal(
            "latest of 104/106 is 104 of 2024-01-01 (106 of 2024-10-16 not in effect until then); no individual grant after it",
            check.Detail);
    }

    // Rule set 2024.1, kept for the staged rollout
    [Fact]
    public void RuleSet2024_CodeIgnoredAndFutureFactsCount_AsBefore()
    {
        var request = WithPatient(
            p => p with { Codes = [Code(ReviewIndicated, "2024-01-01"), Code(ReviewNotIndicated, "2024-10-16")], IndividualGrantDate = I("2025-01-01") },
            Coded(ReviewIndicated), Coded("1364731000000105", "k2")) with { RuleSet = RuleSetVersion.V2024_1 };
        Assert.Equal([Visible, Visible], Decide.All(request));
        Assert.Equal(RuleSet.PreviousVersion, DecisionExplainer.Explain(request, 0).Decision.RuleSetVersion);
        Assert.DoesNotContain(Explained.Entry(request).Checks, c => c.Name == "11a");
    }

    [Fact]
    public void RuleSetVersion_CarriedByEveryDecision()
    {
        Assert.Equal("2025.1", RuleSet.Version);
        Assert.All(Engine.DecisionEngine.Evaluate(Request()), d => Assert.Equal("2025.1", d.RuleSetVersion));
        Assert.All(Engine.DecisionEngine.Evaluate(Request() with { RuleSet = RuleSetVersion.V2024_1 }), d => Assert.Equal("2024.1", d.RuleSetVersion));
        Assert.Equal("2024.1", Engine.DecisionEngine.EvaluatePatient(Request() with { RuleSet = RuleSetVersion.V2024_1 }).RuleSetVersion);
    }
}
