using FsCheck;
using FsCheck.Fluent;
using RecordAccess.Core.Engine;
using RecordAccess.Core.Identifiers;
using RecordAccess.Core.Model;
using Xunit;
using static RecordAccess.Core.Model.ReasonCode;
using static RecordAccess.Core.Tests.Dates;
using static RecordAccess.Core.Tests.TestRequests;

namespace RecordAccess.Core.Tests;

/// <summary><see cref="DecisionEngine.EvaluatePatient"/>: the patient-level answer, and its agreement with the entry decisions.</summary>
public sealed class PatientAccessTests
{
    private const int Cases = 20_000;

    [Fact]
    public void EvaluatePatient_AdultAtSwitchedOnPractice_AvailableFromLatestStartDate()
    {
        var access = DecisionEngine.EvaluatePatient(WithPatient(p => p with { IndividualStartDate = I("2024-01-05") }));
        Assert.Equal(new PatientAccess(Visible, D("2024-01-05"), null, null), access);
        Assert.True(access.AccessAvailable);
        Assert.Equal(RuleSet.Version, access.RuleSetVersion);
    }

    [Fact]
    public void EvaluatePatient_RegistrationAfterSwitchOn_AccessStartIsRegistrationAndHistoricDateKept()
    {
        var access = DecisionEngine.EvaluatePatient(WithPatient(p => p with { RegistrationDate = I("2024-02-01"), HistoricFromDate = I("2020-01-01") }));
        Assert.Equal(D("2024-02-01"), access.AccessStartDate);
        Assert.Equal(D("2020-01-01"), access.HistoricFromDate);
    }

    [Fact]
    public void EvaluatePatient_RestrictedAndFlagged_FirstPatientRuleDecides()
    {
        var access = DecisionEngine.EvaluatePatient(WithPatient(p => p with { Restricted = true, SafeguardingFlag = true }));
        Assert.Equal(RestrictedRiskOfHarm, access.Reason);
        Assert.False(access.AccessAvailable);
        Assert.Equal(D("2023-10-31"), access.AccessStartDate);
    }

    [Fact]
    public void EvaluatePatient_InvalidNhsNumber_DecisionUnavailableNamingTheField()
    {
        var access = DecisionEngine.EvaluatePatient(WithPatient(p => p with { NhsNumber = "9434765918" }));
        Assert.Equal(DecisionUnavailable, access.Reason);
        Assert.Null(access.AccessStartDate);
        Assert.Equal("patient.nhsNumber", access.Problem?.Field);
    }

    [Fact]
    public void EvaluatePatient_NoEntries_StillAnswers() =>
        Assert.Equal(PatientUnder16, DecisionEngine.EvaluatePatient(
            WithPatient(p => p with { DateOfBirth = I("2010-01-01") }) with { Entries = [] }).Reason);

    [Fact]
    public void EvaluatePatient_GeneratedRequests_AgreesWithEveryEntryDecision() =>
        Prop.ForAll(Generators.Requests, g => AgreesWithEntries(g.Request))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(Cases).WithEndSize(10));

    private static bool AgreesWithEntries(DecisionRequest r)
    {
        var access = DecisionEngine.EvaluatePatient(r);
        var decisions = DecisionEngine.Evaluate(r);
        var plain = r.Entries.Select(e => IsPlainlyValid(r, e)).ToArray();
        return access.Reason switch
        {
            DecisionUnavailable => decisions.All(d => d.Reason == DecisionUnavailable) && access.Problem is not null,
            Visible => decisions.All(d => d.Reason is not (>= RolloutNotActive and <= SafeguardingFlag))
                && decisions.Where((d, i) => plain[i] && IsPlainlyShowable(r, r.Entries[i], access.AccessStartDate!.Value)).All(d => d.Visible),
            var withheld => decisions.All(d => d.Reason == withheld || d.Reason == DecisionUnavailable)
                && decisions.Where((_, i) => plain[i]).All(d => d.Reason == withheld),
        };
    }

    /// <summary>
    /// Valid on its own without reading any rule: unique id, known kind and status, recorded by the evaluation date, no parent,
    /// and (2025.1) no code or a valid concept id.
    /// </summary>
    private static bool IsPlainlyValid(DecisionRequest r, EntryFacts e) =>
        e.Id.Length > 0 && r.Entries.Count(x => x.Id == e.Id) == 1 && e.Kind != EntryKind.Unknown && e.Status != EntryStatus.Unknown
        && e.RecordedDate.IsValid && e.RecordedDate.Value <= r.EvaluationDate.Value && e.ParentId is null
        && (r.RuleSet == RuleSetVersion.V2024_1 || e.Code is null || SnomedCode.TryParse(e.Code, out _, out _));

    private static bool IsPlainlyShowable(DecisionRequest r, EntryFacts e, DateOnly accessStart) =>
        e.RecordedDate.Value >= accessStart && e.Status == EntryStatus.Final && e.Kind != EntryKind.Diary && !e.Redacted && e.Labels.Count == 0
        && (r.RuleSet == RuleSetVersion.V2024_1 || !RuleSet.IsAccessControlCode(e.Code));
}
