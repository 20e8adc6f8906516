using RecordAccess.Core.Explain;
using RecordAccess.Core.Model;
using Xunit;
using static RecordAccess.Core.Model.ReasonCode;
using static RecordAccess.Core.Tests.Dates;
using static RecordAccess.Core.Tests.TestRequests;

namespace RecordAccess.Core.Tests;

/// <summary>The explainer's words for rule 0 and the patient rules 1–7.</summary>
public sealed class ExplainerPatientRuleTests
{
    [Fact]
    public void Explain_VisibleEntry_NoRuleAppliesAndEveryRuleSaysWhatItRead()
    {
        var x = Explained.Entry(Request());
        Assert.Equal(new Decision("e1", Visible), x.Decision);
        Assert.Null(x.DecidingCheck);
        Assert.Empty(x.WithheldAncestors);
        Assert.Equal(
        [
            "the input can be trusted: id 'e1' unique, kind consultation, status final, recorded 2024-01-02 by the evaluation date 2024-10-15, no parent",
            "no national pause; practice switched on 2023-10-31, by the evaluation date 2024-10-15",
            "practice has not opted out",
            "born 1980-05-05: 16 on 1996-05-05, on or before the evaluation date 2024-10-15",
            "no 103 code (online access declined)",
            "no 104/106 code (enhanced review)",
            "not restricted",
            "no active safeguarding flag",
            "recorded 2024-01-02, on or after access start 2023-10-31 (latest of switch-on 2023-10-31, registration 2010-01-01)",
            "status final, kind consultation",
            "not redacted",
            "no labels",
            "no code",
            "no parent",
        ], x.Checks.Select(c => c.Detail));
    }

    [Fact]
    public void Rule0_InvalidRequest_DecidesAndNoOtherRuleIsRead()
    {
        var x = Explained.Entry(WithPatient(p => p with { NhsNumber = "9434765918", Restricted = true }));
        Assert.Equal(0, x.DecidingCheck!.Rule);
        Assert.StartsWith("the request cannot be trusted: patient.nhsNumber: ", x.Checks[0].Detail, StringComparison.Ordinal);
        Assert.Equal("patient.nhsNumber", x.Problem!.Field);
        Assert.All(x.Checks.Skip(1), c => Assert.False(c.Applies));
        Assert.All(x.Checks.Skip(1), c => Assert.Equal("not checked: the request cannot be trusted (rule 0)", c.Detail));
    }

    [Fact]
    public void Rule0_EntryProblems_AllNamed()
    {
        var bad = Entry("a", recorded: "2024-10-16") with { Kind = EntryKind.Unknown, Status = EntryStatus.Unknown };
        var check = Explained.Rule(Request(bad, Entry("a")), 0);
        Assert.True(check.Applies);
        Assert.Equal("the id 'a' is used by 2 entries; the kind is not one the rule table knows; the status is not one the rule table knows; "
            + "recorded 2024-10-16, after the evaluation date 2024-10-15", check.Detail);
    }

    [Theory]
    [InlineData(InputDateState.Absent, "the recorded date is missing")]
    [InlineData(InputDateState.Invalid, "the recorded date is not a YYYY-MM-DD calendar date")]
    public void Rule0_RecordedDateUnreadable_NamedAndRule8NotChecked(InputDateState state, string expected)
    {
        var date = state == InputDateState.Absent ? InputDate.Absent : InputDate.Invalid;
        var x = Explained.Entry(Request(Entry() with { RecordedDate = date }));
        Assert.Equal(expected, x.Checks[0].Detail);
        Assert.Equal("not checked: the recorded date cannot be read (rule 0)", x.Checks[8].Detail);
    }

    [Fact]
    public void Rule1_PauseAndLateSwitchOn_BothNamed()
    {
        var request = Request() with { NationalPause = true, Practice = Practice with { SwitchOnDate = I("2024-10-16") } };
        Assert.Equal(new RuleCheck(1, RolloutNotActive, true, "national pause is on; practice switch-on 2024-10-16 is after the evaluation date 2024-10-15"),
            Explained.Rule(request, 1));
    }

    [Theory]
    [InlineData(null, true, "practice opted out; no individual grant")]
    [InlineData("2024-03-01", false, "practice opted out; individual grant of 2024-03-01")]
    public void Rule2_OptedOut_GrantNamed(string? grant, bool applies, string detail)
    {
        var request = WithPatient(p => p with { IndividualGrantDate = grant is null ? InputDate.Absent : I(grant) }) with { Practice = Practice with { OptedOut = true } };
        Assert.Equal(new RuleCheck(2, PracticeOptedOut, applies, detail), Explained.Rule(request, 2));
    }

    [Theory]
    [InlineData("2008-10-16", true, "born 2008-10-16: 16 on 2024-10-16, after the evaluation date 2024-10-15")]
    [InlineData("2008-02-29", false, "born 2008-02-29: 16 on 2024-02-29, on or before the evaluation date 2024-10-15")]
    [InlineData("2084-02-29", true, "born 2084-02-29: 16 on 2100-03-01 (a 29 February birthday counts as 1 March), after the evaluation date 2024-10-15")]
    public void Rule3_Birthday_SixteenthBirthdayNamed(string born, bool applies, string detail) =>
        Assert.Equal(new RuleCheck(3, PatientUnder16, applies, detail), Explained.Rule(WithPatient(p => p with { DateOfBirth = I(born) }), 3));

    [Theory]
    [InlineData(null, true, "latest 103 (declined) of 2024-02-01; no individual grant after it")]
    [InlineData("2024-02-01", true, "latest 103 (declined) of 2024-02-01; individual grant of 2024-02-01 is not after it")]
    [InlineData("2024-02-02", false, "latest 103 (declined) of 2024-02-01; individual grant of 2024-02-02 is after it")]
    public void Rule4_Declined_LatestCodeAndGrantNamed(string? grant, bool applies, string detail)
    {
        var request = WithPatient(p => p with
        {
            Codes = [Code(Declined, "2024-02-01"), Code(Declined, "2023-01-01")],
            IndividualGrantDate = grant is null ? InputDate.Absent : I(grant),
        });
        Assert.Equal(new RuleCheck(4, PatientDeclined, applies, detail), Explained.Rule(request, 4));
    }

    [Theory]
    [InlineData("2024-02-01", "2023-01-01", true, "latest of 104/106 is 104 of 2024-02-01; no individual grant after it")]
    [InlineData("2024-02-01", "2024-02-01", true, "latest of 104/106 is 104 of 2024-02-01 (a 106 of the same date loses the tie); no individual grant after it")]
    [InlineData("2024-02-01", "2024-02-02", false, "latest of 104/106 is 106 of 2024-02-02")]
    public void Rule5_Review_LatestCodeNamed(string code104, string code106, bool applies, string detail)
    {
        var request = WithPatient(p => p with { Codes = [Code(ReviewNotIndicated, code106), Code(ReviewIndicated, code104)] });
        Assert.Equal(new RuleCheck(5, EnhancedReviewRequired, applies, detail), Explained.Rule(request, 5));
    }

    [Fact]
    public void Rules6And7_RestrictedAndFlaggedUnderPause_AlsoApplyButRule1Decides()
    {
        var x = Explained.Entry(WithPatient(p => p with { Restricted = true, SafeguardingFlag = true }) with { NationalPause = true });
        Assert.Equal(1, x.DecidingCheck!.Rule);
        Assert.Equal(new RuleCheck(6, RestrictedRiskOfHarm, true, "restricted for risk of serious harm; no grant overrides this"), x.Checks[6]);
        Assert.Equal(new RuleCheck(7, SafeguardingFlag, true, "active safeguarding flag; no grant overrides this"), x.Checks[7]);
    }
}
