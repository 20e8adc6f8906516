using RecordAccess.Core.Model;
using Xunit;
using static RecordAccess.Core.Model.ReasonCode;
using static RecordAccess.Core.Tests.Dates;
using static RecordAccess.Core.Tests.TestRequests;

namespace RecordAccess.Core.Tests;

/// <summary>One test per rule of the rule table and per edge it names. Every test runs both evaluators (see <see cref="Decide"/>).</summary>
public sealed class RuleTests
{
    [Fact]
    public void Evaluate_AdultAtSwitchedOnPractice_Visible() => Assert.Equal(Visible, Decide.First(Request()));

    [Fact]
    public void Evaluate_Decision_CarriesEntryIdVisibilityAndRuleSetVersion()
    {
        var decision = Engine.DecisionEngine.Evaluate(Request())[0];
        Assert.Equal("e1", decision.EntryId);
        Assert.True(decision.Visible);
        Assert.Equal(RuleSet.Version, decision.RuleSetVersion);
    }

    // Rule 1
    [Fact]
    public void Rule1_NationalPause_RolloutNotActive() =>
        Assert.Equal(RolloutNotActive, Decide.First(Request() with { NationalPause = true }));

    [Theory]
    [InlineData("2024-10-16", RolloutNotActive)]
    [InlineData("2024-10-15", Visible)]
    public void Rule1_SwitchOnRelativeToEvaluationDate_ActiveFromSwitchOnDay(string switchOn, ReasonCode expected)
    {
        var request = Request(Entry(recorded: "2024-10-15")) with { Practice = Practice with { SwitchOnDate = I(switchOn) } };
        Assert.Equal(expected, Decide.First(request));
    }

    [Fact]
    public void Rule1_PauseBeatsEveryLaterRule() =>
        Assert.Equal(RolloutNotActive, Decide.First(WithPatient(p => p with { SafeguardingFlag = true, Restricted = true }) with { NationalPause = true }));

    // Rule 2
    [Fact]
    public void Rule2_OptedOutWithoutGrant_PracticeOptedOut() =>
        Assert.Equal(PracticeOptedOut, Decide.First(Request() with { Practice = Practice with { OptedOut = true } }));

    [Fact]
    public void Rule2_OptedOutWithGrant_Visible()
    {
        var request = WithPatient(p => p with { IndividualGrantDate = I("2024-03-01") }) with { Practice = Practice with { OptedOut = true } };
        Assert.Equal(Visible, Decide.First(request));
    }

    [Fact]
    public void Rule2_OptedOutAndUnder16_OptOutDecidesFirst()
    {
        var request = WithPatient(p => p with { DateOfBirth = I("2010-01-01") }) with { Practice = Practice with { OptedOut = true } };
        Assert.Equal(PracticeOptedOut, Decide.First(request));
    }

    // Rule 3
    [Theory]
    [InlineData("2008-10-16", PatientUnder16)] // 16th birthday is tomorrow
    [InlineData("2008-10-15", Visible)] // 16th birthday is today
    [InlineData("2008-10-14", Visible)]
    [InlineData("2030-01-01", PatientUnder16)] // born after the evaluation date
    public void Rule3_BirthdayAroundEvaluationDate_SixteenFromTheBirthday(string born, ReasonCode expected) =>
        Assert.Equal(expected, Decide.First(WithPatient(p => p with { DateOfBirth = I(born) })));

    [Theory]
    [InlineData("2024-02-28", PatientUnder16)]
    [InlineData("2024-02-29", Visible)] // leap year: the birthday itself
    public void Rule3_BornOn29FebruaryTurning16InLeapYear_SixteenOn29February(string evaluation, ReasonCode expected)
    {
        var request = WithPatient(p => p with { DateOfBirth = I("2008-02-29"), RegistrationDate = I("2023-01-01") }, Entry(recorded: "2024-01-02"))
            with { EvaluationDate = I(evaluation) };
        Assert.Equal(expected, Decide.First(request));
    }

    [Theory]
    [InlineData("2100-02-28", PatientUnder16)]
    [InlineData("2100-03-01", Visible)] // 2100 is not a leap year: 29 February counts as 1 March
    public void Rule3_BornOn29FebruaryTurning16InNonLeapYear_SixteenOn1March(string evaluation, ReasonCode expected)
    {
        // Born 2084-02-29 (a leap year) turns 16 in 2100, the first year since 1900 in which 29 February does not exist.
        var request = new DecisionRequest
        {
            EvaluationDate = I(evaluation),
            Practice = Practice,
            Patient = Adult with { DateOfBirth = I("2084-02-29"), RegistrationDate = I("2090-01-01") },
            Entries = [Entry(recorded: "2099-06-01")],
        };
        Assert.Equal(expected, Decide.First(request));
    }

    // Rule 4
    [Fact]
    public void Rule4_DeclinedCode_PatientDeclined() =>
        Assert.Equal(PatientDeclined, Decide.First(WithPatient(p => p with { Codes = [Code(Declined, "2024-01-01")] })));

    [Theory]
    [InlineData("2024-05-01", PatientDeclined)] // grant on the same day as the latest 103
    [InlineData("2024-05-02", Visible)] // strictly after
    [InlineData("2024-02-01", PatientDeclined)] // after the first 103 but before the latest
    public void Rule4_GrantRelativeToLatestDeclined_OnlyStrictlyAfterLifts(string grant, ReasonCode expected)
    {
        var request = WithPatient(p => p with
        {
            Codes = [Code(Declined, "2024-01-01"), Code(Declined, "2024-05-01")],
            IndividualGrantDate = I(grant),
        });
        Assert.Equal(expected, Decide.First(request));
    }

    // Rule 5
    [Theory]
    [InlineData(new[] { ReviewIndicated }, new[] { "2024-01-01" }, EnhancedReviewRequired)]
    [InlineData(new[] { ReviewIndicated, ReviewNotIndicated }, new[] { "2024-01-01", "2024-02-01" }, Visible)]
    [InlineData(new[] { ReviewNotIndicated, ReviewIndicated }, new[] { "2024-01-01", "2024-02-01" }, EnhancedReviewRequired)]
    [InlineData(new[] { ReviewIndicated, ReviewNotIndicated }, new[] { "2024-01-01", "2024-01-01" }, EnhancedReviewRequired)] // tie: 104 wins
    [InlineData(new[] { ReviewNotIndicated, ReviewIndicated }, new[] { "2024-01-01", "2024-01-01" }, EnhancedReviewRequired)] // tie, other order
    [InlineData(new[] { ReviewIndicated, ReviewNotIndicated, ReviewIndicated }, new[] { "2024-01-01", "2024-02-01", "2024-03-01" }, EnhancedReviewRequired)]
    [InlineData(new[] { ReviewNotIndicated }, new[] { "2024-01-01" }, Visible)]
    [InlineData(new[] { "22298006" }, new[] { "2024-01-01" }, Visible)] // other codes are ignored
    public void Rule5_LatestOf104And106_Decides(string[] codes, string[] dates, ReasonCode expected) =>
        Assert.Equal(expected, Decide.First(WithPatient(p => p with { Codes = codes.Zip(dates, Code).ToArray() })));

    [Theory]
    [InlineData("2024-02-01", EnhancedReviewRequired)]
    [InlineData("2024-02-02", Visible)]
    public void Rule5_GrantRelativeTo104_OnlyStrictlyAfterLifts(string grant, ReasonCode expected)
    {
        var request = WithPatient(p => p with { Codes = [Code(ReviewIndicated, "2024-02-01")], IndividualGrantDate = I(grant) });
        Assert.Equal(expected, Decide.First(request));
    }

    [Fact]
    public void Rule5_CodeDatedAfterEvaluationDate_StillCounts() =>
        Assert.Equal(EnhancedReviewRequired, Decide.First(WithPatient(p => p with { Codes = [Code(ReviewIndicated, "2025-01-01")] })));

    // Rules 6 and 7
    [Fact]
    public void Rule6_Restricted_NoGrantOverrides()
    {
        var request = WithPatient(p => p with { Restricted = true, IndividualGrantDate = I("2024-10-01"), HistoricFromDate = I("1900-01-01") });
        Assert.Equal(RestrictedRiskOfHarm, Decide.First(request));
    }

    [Fact]
    public void Rule6_RestrictedAndFlagged_RestrictionDecidesFirst() =>
        Assert.Equal(RestrictedRiskOfHarm, Decide.First(WithPatient(p => p with { Restricted = true, SafeguardingFlag = true })));

    [Fact]
    public void Rule7_SafeguardingFlag_NoGrantOrUnblockCodeOverrides()
    {
        var request = WithPatient(p => p with
        {
            SafeguardingFlag = true,
            IndividualGrantDate = I("2024-10-01"),
            Codes = [Code(ReviewNotIndicated, "2024-09-01")],
        });
        Assert.Equal(SafeguardingFlag, Decide.First(request));
    }

    // Rule 8
    [Theory]
    [InlineData("2023-10-30", BeforeAccessStart)]
    [InlineData("2023-10-31", Visible)] // exactly on the access start
    public void Rule8_RecordedAroundSwitchOn_VisibleFromTheStartDay(string recorded, ReasonCode expected) =>
        Assert.Equal(expected, Decide.First(Request(Entry(recorded: recorded))));

    [Theory]
    [InlineData("2024-02-29", BeforeAccessStart)]
    [InlineData("2024-03-01", Visible)]
    public void Rule8_LaterRegistration_StartsAccess(string recorded, ReasonCode expected) =>
        Assert.Equal(expected, Decide.First(WithPatient(p => p with { RegistrationDate = I("2024-03-01") }, Entry(recorded: recorded))));

    [Theory]
    [InlineData("2024-05-31", BeforeAccessStart)]
    [InlineData("2024-06-01", Visible)]
    public void Rule8_LaterIndividualStart_StartsAccess(string recorded, ReasonCode expected) =>
        Assert.Equal(expected, Decide.First(WithPatient(p => p with { IndividualStartDate = I("2024-06-01") }, Entry(recorded: recorded))));

    [Theory]
    [InlineData("2015-01-01", "2015-01-01", Visible)] // historic access from the recorded date
    [InlineData("2015-01-02", "2015-01-01", BeforeAccessStart)] // historic access starts a day later
    [InlineData("2015-01-01", "2014-12-31", BeforeAccessStart)]
    public void Rule8_HistoricGrant_CoversEntriesFromItsDate(string historicFrom, string recorded, ReasonCode expected) =>
        Assert.Equal(expected, Decide.First(WithPatient(p => p with { HistoricFromDate = I(historicFrom) }, Entry(recorded: recorded))));

    // Rule 9
    [Theory]
    [InlineData(EntryKind.Consultation, EntryStatus.Draft, NotFinal)]
    [InlineData(EntryKind.TestResult, EntryStatus.Provisional, NotFinal)]
    [InlineData(EntryKind.Document, EntryStatus.Unfiled, NotFinal)]
    [InlineData(EntryKind.Diary, EntryStatus.Final, NotFinal)]
    [InlineData(EntryKind.Medication, EntryStatus.Final, Visible)]
    [InlineData(EntryKind.Coded, EntryStatus.Final, Visible)]
    public void Rule9_StatusAndKind_OnlyFinalNonDiaryShown(EntryKind kind, EntryStatus status, ReasonCode expected) =>
        Assert.Equal(expected, Decide.First(Request(Entry() with { Kind = kind, Status = status })));

    [Fact]
    public void Rule9_BeforeAccessStartAndDraft_RuleOrderDecides() =>
        Assert.Equal(BeforeAccessStart, Decide.First(Request(Entry(recorded: "2020-01-01") with { Status = EntryStatus.Draft })));

    // Rules 10 and 11
    [Fact]
    public void Rule10_Redacted_EvenWhenReleasedAndGranted()
    {
        var request = WithPatient(p => p with { IndividualGrantDate = I("2024-10-01") }, Entry() with { Redacted = true, Released = true, Labels = ["R"] });
        Assert.Equal(EntryRedacted, Decide.First(request));
    }

    [Theory]
    [InlineData("R", EntrySensitive)]
    [InlineData("V", EntrySensitive)]
    [InlineData("NOPAT", EntrySensitive)]
    [InlineData("SDV", EntrySensitive)]
    [InlineData("r", Visible)]
    [InlineData("nopat", Visible)]
    [InlineData("RESTRICTED", Visible)]
    [InlineData("N", Visible)]
    public void Rule11_Labels_ExactCaseSensitiveMatch(string label, ReasonCode expected) =>
        Assert.Equal(expected, Decide.First(Request(Entry() with { Labels = ["X", label] })));

    [Fact]
    public void Rule11_ReleasedByClinician_Visible() =>
        Assert.Equal(Visible, Decide.First(Request(Entry() with { Labels = ["SDV"], Released = true })));

    // Rule 12
    [Fact]
    public void Rule12_ChildOfWithheldDocument_ParentWithheld()
    {
        var reasons = Decide.All(Request(Entry("doc") with { Redacted = true }, Entry("code", parent: "doc"), Entry("attachment", parent: "doc")));
        Assert.Equal([EntryRedacted, ParentWithheld, ParentWithheld], reasons);
    }

    [Fact]
    public void Rule12_ChildListedBeforeParent_SameAnswer()
    {
        var reasons = Decide.All(Request(Entry("code", parent: "doc"), Entry("doc") with { Labels = ["V"] }));
        Assert.Equal([ParentWithheld, EntrySensitive], reasons);
    }

    [Fact]
    public void Rule12_ChildWithOwnEarlierReason_KeepsOwnReason()
    {
        var reasons = Decide.All(Request(Entry("doc") with { Redacted = true }, Entry("code", parent: "doc") with { Status = EntryStatus.Draft }));
        Assert.Equal([EntryRedacted, NotFinal], reasons);
    }

    [Fact]
    public void Rule12_DeepChainWithWithheldRoot_EveryDescendantWithheld()
    {
        const int depth = 50_000;
        var entries = new EntryFacts[depth];
        entries[0] = Entry("n0") with { Labels = ["NOPAT"] };
        for (var i = 1; i < depth; i++)
        {
            entries[i] = Entry($"n{i}", parent: $"n{i - 1}");
        }

        // The reference model is quadratic by design: check the fast engine alone on the deep chain.
        var decisions = Engine.DecisionEngine.Evaluate(Request(entries.Reverse().ToArray()));
        Assert.Equal(depth - 1, decisions.Count(d => d.Reason == ParentWithheld));
        Assert.Equal(EntrySensitive, decisions.Single(d => d.EntryId == "n0").Reason);
    }

    [Fact]
    public void Rule12_GrandchildOfMiddleWithheld_OnlyBelowIsWithheld()
    {
        var reasons = Decide.All(Request(
            Entry("a"), Entry("b", parent: "a") with { Status = EntryStatus.Provisional }, Entry("c", parent: "b"), Entry("d", parent: "c")));
        Assert.Equal([Visible, NotFinal, ParentWithheld, ParentWithheld], reasons);
    }

    [Fact]
    public void Rule12_PatientLevelReasonBeatsParent()
    {
        var request = WithPatient(p => p with { Restricted = true }, Entry("doc") with { Kind = EntryKind.Unknown }, Entry("code", parent: "doc"));
        Assert.Equal([DecisionUnavailable, RestrictedRiskOfHarm], Decide.All(request));
    }
}
