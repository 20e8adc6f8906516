using RecordAccess.Core.Model;
using static RecordAccess.Core.Tests.Dates;

namespace RecordAccess.Core.Tests;

/// <summary>Canonical test data: an adult at a switched-on practice, whose one entry is visible; tests change one fact at a time.</summary>
internal static class TestRequests
{
    public const string Declined = "1290331000000103";
    public const string ReviewIndicated = "1364731000000104";
    public const string ReviewNotIndicated = "1364751000000106";

    public static PracticeFacts Practice { get; } = new() { Ods = "A81001", SwitchOnDate = I("2023-10-31") };

    public static PatientFacts Adult { get; } = new()
    {
        NhsNumber = "9434765919",
        DateOfBirth = I("1980-05-05"),
        RegistrationDate = I("2010-01-01"),
    };

    public static EntryFacts Entry(string id = "e1", string recorded = "2024-01-02", string? parent = null) => new()
    {
        Id = id,
        RecordedDate = I(recorded),
        Kind = EntryKind.Consultation,
        Status = EntryStatus.Final,
        ParentId = parent,
    };

    public static DecisionRequest Request(params EntryFacts[] entries) => new()
    {
        EvaluationDate = I("2024-10-15"),
        Practice = Practice,
        Patient = Adult,
        Entries = entries.Length == 0 ? [Entry()] : entries,
    };

    public static DecisionRequest WithPatient(Func<PatientFacts, PatientFacts> change, params EntryFacts[] entries)
    {
        var request = Request(entries);
        return request with { Patient = change(request.Patient!) };
    }

    public static PatientCode Code(string code, string date) => new(code, I(date));
}
