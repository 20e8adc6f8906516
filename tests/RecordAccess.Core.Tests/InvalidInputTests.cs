using RecordAccess.Core.Engine;
using RecordAccess.Core.Identifiers;
using RecordAccess.Core.Model;
using Xunit;
using static RecordAccess.Core.Model.ReasonCode;
using static RecordAccess.Core.Tests.Dates;
using static RecordAccess.Core.Tests.TestRequests;

namespace RecordAccess.Core.Tests;

/// <summary>Rule 0: every invalid-input case of the rule table, for the whole request and for one entry.</summary>
public sealed class InvalidInputTests
{
    public static TheoryData<string, DecisionRequest> InvalidRequests => new()
    {
        { "practice", Request() with { Practice = null } },
        { "patient", Request() with { Patient = null } },
        { "patient.nhsNumber", WithPatient(p => p with { NhsNumber = "9434765918" }) },
        { "patient.nhsNumber", WithPatient(p => p with { NhsNumber = "943 476 5919" }) },
        { "patient.nhsNumber", WithPatient(p => p with { NhsNumber = "1234567890" }) },
        { "practice.ods", Request() with { Practice = Practice with { Ods = "a81001" } } },
        { "practice.ods", Request() with { Practice = Practice with { Ods = "A8100" } } },
        { "evaluationDate", Request() with { EvaluationDate = InputDate.Absent } },
        { "evaluationDate", Request() with { EvaluationDate = InputDate.Parse("2024-02-30") } },
        { "practice.switchOnDate", Request() with { Practice = Practice with { SwitchOnDate = InputDate.Absent } } },
        { "patient.dateOfBirth", WithPatient(p => p with { DateOfBirth = InputDate.Parse("05/05/1980") }) },
        { "patient.registrationDate", WithPatient(p => p with { RegistrationDate = InputDate.Absent }) },
        { "patient.historicFromDate", WithPatient(p => p with { HistoricFromDate = InputDate.Invalid }) },
        { "patient.individualGrantDate", WithPatient(p => p with { IndividualGrantDate = InputDate.Invalid }) },
        { "patient.individualStartDate", WithPatient(p => p with { IndividualStartDate = InputDate.Invalid }) },
        { "patient.codes[0].code", WithPatient(p => p with { Codes = [Code("1364731000000105", "2024-01-01")] }) },
        { "patient.codes[0].code", WithPatient(p => p with { Codes = [new PatientCode("Enhanced review indicated", I("2024-01-01"))] }) },
        { "patient.codes[0].effectiveDate", WithPatient(p => p with { Codes = [new PatientCode(ReviewNotIndicated, InputDate.Absent)] }) },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public void Evaluate_InvalidRequest_EveryEntryUnavailableAndFieldNamed(string field, DecisionRequest request)
    {
        var all = request with { Entries = [Entry("a"), Entry("b", parent: "a")] };
        Assert.All(Decide.All(all), r => Assert.Equal(DecisionUnavailable, r));
        Assert.Equal(field, RequestValidator.FindProblem(all)?.Field);
    }

    [Fact]
    public void FindProblem_ValidRequest_None() => Assert.Null(RequestValidator.FindProblem(Request()));

    public static TheoryData<EntryFacts> InvalidEntries => new()
    {
        Entry(id: ""),
        Entry() with { Kind = EntryKind.Unknown },
        Entry() with { Kind = (EntryKind)42 },
        Entry() with { Status = EntryStatus.Unknown },
        Entry() with { RecordedDate = InputDate.Invalid },
        Entry() with { RecordedDate = InputDate.Absent },
        Entry(recorded: "2024-10-16"),
        Entry(parent: "missing"),
        Entry(parent: ""),
        Entry(parent: "e1"),
    };

    [Theory]
    [MemberData(nameof(InvalidEntries))]
    public void Evaluate_InvalidEntry_ThatEntryUnavailableChildrenParentWithheld(EntryFacts bad)
    {
        var reasons = Decide.All(Request(bad, Entry("child", parent: bad.Id), Entry("other")));
        Assert.Equal(DecisionUnavailable, reasons[0]);
        Assert.Equal(bad.Id.Length == 0 ? DecisionUnavailable : ParentWithheld, reasons[1]);
        Assert.Equal(Visible, reasons[2]);
    }

    [Fact]
    public void Evaluate_RecordedOnEvaluationDate_Valid() => Assert.Equal(Visible, Decide.First(Request(Entry(recorded: "2024-10-15"))));

    [Fact]
    public void Evaluate_InvalidEntryOfRestrictedPatient_UnavailableBeatsPatientRules() =>
        Assert.Equal(DecisionUnavailable, Decide.First(WithPatient(p => p with { SafeguardingFlag = true }, Entry() with { Kind = EntryKind.Unknown })));

    [Fact]
    public void Evaluate_DuplicateIds_AllCopiesUnavailableAndChildrenWithheld()
    {
        var reasons = Decide.All(Request(Entry("x"), Entry("y"), Entry("x"), Entry("c", parent: "x")));
        Assert.Equal([DecisionUnavailable, Visible, DecisionUnavailable, ParentWithheld], reasons);
    }

    [Fact]
    public void Evaluate_TwoCycle_MembersUnavailableTailWithheld()
    {
        var reasons = Decide.All(Request(Entry("a", parent: "b"), Entry("b", parent: "a"), Entry("tail", parent: "a"), Entry("free")));
        Assert.Equal([DecisionUnavailable, DecisionUnavailable, ParentWithheld, Visible], reasons);
    }

    [Fact]
    public void Evaluate_ThreeCycleWithLongTail_MembersUnavailableTailWithheld()
    {
        var reasons = Decide.All(Request(
            Entry("t2", parent: "t1"), Entry("t1", parent: "c1"), Entry("c1", parent: "c2"), Entry("c2", parent: "c3"), Entry("c3", parent: "c1")));
        Assert.Equal([ParentWithheld, ParentWithheld, DecisionUnavailable, DecisionUnavailable, DecisionUnavailable], reasons);
    }

    [Fact]
    public void Evaluate_ChainThroughDuplicateId_EndsThereWhateverTheOrder()
    {
        // a -> j -> d -> a would be a cycle through the first copies; j and d are duplicated, so chains end at them.
        EntryFacts[] entries = [Entry("a", parent: "j"), Entry("j", parent: "d"), Entry("d", parent: "a"), Entry("j"), Entry("d")];
        var expected = new[] { ReasonCode.ParentWithheld, DecisionUnavailable, DecisionUnavailable, DecisionUnavailable, DecisionUnavailable };
        Assert.Equal(expected, Decide.All(Request(entries)));
        Assert.Equal(expected.Reverse(), Decide.All(Request(entries.Reverse().ToArray())));
    }

    public static TheoryData<string> MalformedEntryIds => new()
    {
        new string('e', EntryId.MaxLength + 1),
        new string('e', 5000),
        "e1 ",
        " e1",
        "e\n1",
        "e\u00001",
    };

    [Theory]
    [MemberData(nameof(MalformedEntryIds))]
    public void Evaluate_EntryIdTheAdminWouldRefuse_EntryUnavailableChildParentWithheldOthersVisible(string id)
    {
        var request = Request(Entry(id), Entry("child", parent: id), Entry("e2"));

        Assert.Equal([DecisionUnavailable, ParentWithheld, Visible], Decide.All(request));
        Assert.Equal(DecisionUnavailable, Explained.Entry(request).Decision.Reason);
        Assert.False(EntryId.IsValid(id));
    }

    [Fact]
    public void Evaluate_EntryIdOfMaxLengthOrWithInnerSpace_DecidedNormally()
    {
        var longest = new string('e', EntryId.MaxLength);
        var request = Request(Entry(longest), Entry("child", parent: longest), Entry("e 2"));

        Assert.Equal([Visible, Visible, Visible], Decide.All(request));
        Assert.True(EntryId.IsValid(longest));
    }
}
