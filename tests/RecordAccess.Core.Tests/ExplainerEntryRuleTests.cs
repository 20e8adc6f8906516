using RecordAccess.Core.Explain;
using RecordAccess.Core.Model;
using Xunit;
using static RecordAccess.Core.Model.ReasonCode;
using static RecordAccess.Core.Tests.Dates;
using static RecordAccess.Core.Tests.TestRequests;

namespace RecordAccess.Core.Tests;

/// <summary>The explainer's words for the entry's own rules 8–11.</summary>
public sealed class ExplainerEntryRuleTests
{
    [Fact]
    public void Rule8_RecordedBeforeAccessStart_StartsAndHistoricAccessNamed() =>
        Assert.Equal(
            new RuleCheck(8, BeforeAccessStart, true,
                "recorded 2023-09-01 before access start 2023-10-31 (latest of switch-on 2023-10-31, registration 2010-01-01); no historic access"),
            Explained.Rule(Request(Entry(recorded: "2023-09-01")), 8));

    [Theory]
    [InlineData("2023-09-01", false, "historic access from 2023-09-01 covers it")]
    [InlineData("2023-09-02", true, "historic access from 2023-09-02 is after it")]
    public void Rule8_HistoricAccess_CoversFromItsDate(string historic, bool applies, string expected)
    {
        var request = WithPatient(p => p with { HistoricFromDate = I(historic), IndividualStartDate = I("2024-01-01") }, Entry(recorded: "2023-09-01"));
        Assert.Equal(
            new RuleCheck(8, BeforeAccessStart, applies,
                "recorded 2023-09-01 before access start 2024-01-01 (latest of switch-on 2023-10-31, registration 2010-01-01, individual start 2024-01-01); " + expected),
            Explained.Rule(request, 8));
    }

    [Fact]
    public void Rule8_RecordedBeforeStartOfRestrictedPatient_AlsoAppliesButRule6Decides()
    {
        var x = Explained.Entry(WithPatient(p => p with { Restricted = true }, Entry(recorded: "2023-09-01")));
        Assert.Equal(RestrictedRiskOfHarm, x.Decision.Reason);
        Assert.True(x.Checks[8].Applies);
    }

    [Theory]
    [InlineData(EntryKind.Consultation, EntryStatus.Draft, true, "status draft, kind consultation")]
    [InlineData(EntryKind.Diary, EntryStatus.Final, true, "status final, kind diary (diary entries are never shown)")]
    [InlineData(EntryKind.TestResult, EntryStatus.Final, false, "status final, kind testResult")]
    public void Rule9_StatusAndKind_Named(EntryKind kind, EntryStatus status, bool applies, string detail) =>
        Assert.Equal(new RuleCheck(9, NotFinal, applies, detail), Explained.Rule(Request(Entry() with { Kind = kind, Status = status }), 9));

    [Fact]
    public void Rule10_Redacted_Named() =>
        Assert.Equal(new RuleCheck(10, EntryRedacted, true, "marked not visible online"), Explained.Rule(Request(Entry() with { Redacted = true }), 10));

    [Theory]
    [InlineData(false, true, "labels R, NOPAT; not released by a clinician")]
    [InlineData(true, false, "labels R, NOPAT; released by a clinician")]
    public void Rule11_SensitiveLabels_NamedWithRelease(bool released, bool applies, string detail) =>
        Assert.Equal(new RuleCheck(11, EntrySensitive, applies, detail),
            Explained.Rule(Request(Entry() with { Labels = ["R", "x", "NOPAT", "R"], Released = released }), 11));

    [Fact]
    public void Rule11_OnlyOtherLabels_NotSensitive() =>
        Assert.Equal(new RuleCheck(11, EntrySensitive, false, "no sensitive label (labels r, sdv)"),
            Explained.Rule(Request(Entry() with { Labels = ["r", "sdv"] }), 11));
}
