using System.Globalization;
using RecordAccess.Core.Model;
using RecordAccess.Core.Policy;
using RecordAccess.Core.Policy.Admin;

namespace RecordAccess.TestSupport;

/// <summary>
/// Writes a conformance case's practice and patient facts (and, where asked, its entries' redacted and released marks)
/// as policy events through the real admin service, in one fixed order. Every fact is written even after a refusal;
/// each write and its answer is returned, so that each suite judges the refusals its own way.
/// </summary>
public static class CorpusState
{
    /// <summary>The problems every suite may ignore: codes other than 103/104/106 are refused by the store and ignored by the engine.</summary>
    public static readonly string[] IgnoredCodes = ["already has this code", "must be one of the access codes"];

    /// <param name="admin">The admin service of the store or host under test.</param>
    /// <param name="because">Who writes, and why.</param>
    /// <param name="request">The case.</param>
    /// <param name="ods">The practice to write the case's practice settings under and register the patient at.</param>
    /// <param name="nhs">The NHS number to register the case's patient under.</param>
    /// <param name="markEntry">Which entries' redacted and released marks to write (each id once); none when null.</param>
    public static async Task<IReadOnlyList<CorpusWrite>> WriteAsync(
        PolicyAdmin admin, ChangeContext because, DecisionRequest request, string? ods, string nhs, Func<EntryFacts, bool>? markEntry = null)
    {
        var writes = new List<CorpusWrite>();
        async Task Write(string fact, Task<AdminResult> call) => writes.Add(new CorpusWrite(fact, await call));

        if (request.Practice is { } practice)
        {
            await Write("practice", admin.SetPracticeSettingsAsync(because, ods, Text(practice.SwitchOnDate), practice.OptedOut));
        }

        if (request.Patient is not { } patient)
        {
            return writes;
        }

        await Write("register", admin.RegisterPatientAsync(because, nhs, ods, Text(patient.DateOfBirth), Text(patient.RegistrationDate)));
        foreach (var code in patient.Codes)
        {
            await Write("code", admin.RecordPatientCodeAsync(because, nhs, code.Code, Text(code.EffectiveDate)));
        }

        if (patient.Restricted)
        {
            await Write("restricted", admin.RestrictPatientAsync(because, nhs));
        }

        if (patient.SafeguardingFlag)
        {
            await Write("safeguarding", admin.RaiseSafeguardingFlagAsync(because, nhs, "flag-1"));
        }

        if (patient.IndividualGrantDate.State != InputDateState.Absent)
        {
            await Write("grant", admin.GrantIndividualAccessAsync(because, nhs, Text(patient.IndividualGrantDate)));
        }

        if (patient.IndividualStartDate.State != InputDateState.Absent)
        {
            await Write("individual start", admin.SetIndividualStartDateAsync(because, nhs, Text(patient.IndividualStartDate)));
        }

        if (patient.HistoricFromDate.State != InputDateState.Absent)
        {
            await Write("historic", admin.GrantHistoricAccessAsync(because, nhs, Text(patient.HistoricFromDate)));
        }

        if (markEntry is null)
        {
            return writes;
        }

        var marked = request.Entries.Where(markEntry).ToList();
        foreach (var id in marked.Where(e => e.Redacted).Select(e => e.Id).Distinct(StringComparer.Ordinal))
        {
            await Write($"redact {id}", admin.RedactEntryAsync(because, nhs, id));
        }

        foreach (var id in marked.Where(e => e.Released).Select(e => e.Id).Distinct(StringComparer.Ordinal))
        {
            await Write($"release {id}", admin.ReleaseEntryAsync(because, nhs, id));
        }

        return writes;
    }

    /// <summary>A case's date as the admin service reads it: yyyy-MM-dd, "not-a-date" for an invalid one, null when absent.</summary>
    public static string? Text(InputDate date) => date.State switch
    {
        InputDateState.Valid => date.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        InputDateState.Invalid => "not-a-date",
        _ => null,
    };
}
