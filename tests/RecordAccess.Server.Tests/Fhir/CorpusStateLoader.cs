using RecordAccess.Core.Model;
using RecordAccess.Core.Policy.Admin;
using RecordAccess.Server.Tests.Infrastructure;

namespace RecordAccess.Server.Tests.Fhir;

/// <summary>
/// Writes a corpus case's practice, patient and entry marks (redacted, released) into a host's store through the
/// real admin service. Returns the admin's problems: non-empty when it refused any part of the state.
/// </summary>
internal static class CorpusStateLoader
{
    private static readonly string[] AccessCodes = ["1290331000000103", "1364731000000104", "1364751000000106"];

    public static async Task<List<string>> LoadAsync(FhirHost host, DecisionRequest request)
    {
        var problems = new List<string>();
        var admin = host.Admin;
        var why = FhirHost.Why;
        async Task Write(Task<AdminResult> write)
        {
            var result = await write;
            problems.AddRange(result.Problems.Select(p => p.ToString()));
        }

        if (request.Practice is not { } practice || request.Patient is not { } patient)
        {
            problems.Add("practice or patient: absent from the case");
            return problems;
        }

        await Write(admin.SetPracticeSettingsAsync(why, practice.Ods, Text(practice.SwitchOnDate), practice.OptedOut));
        await Write(admin.RegisterPatientAsync(why, patient.NhsNumber, practice.Ods, Text(patient.DateOfBirth), Text(patient.RegistrationDate)));
        if (problems.Count > 0)
        {
            return problems;
        }

        if (patient.IndividualStartDate.State != InputDateState.Absent)
        {
            await Write(admin.SetIndividualStartDateAsync(why, patient.NhsNumber, Text(patient.IndividualStartDate)));
        }

        if (patient.IndividualGrantDate.State != InputDateState.Absent)
        {
            await Write(admin.GrantIndividualAccessAsync(why, patient.NhsNumber, Text(patient.IndividualGrantDate)));
        }

        if (patient.HistoricFromDate.State != InputDateState.Absent)
        {
            await Write(admin.GrantHistoricAccessAsync(why, patient.NhsNumber, Text(patient.HistoricFromDate)));
        }

        // Valid concepts other than 103/104/106 are ignored by the rule table, and the store keeps only access codes.
        foreach (var code in patient.Codes.Where(c => !Core.Identifiers.SnomedCode.TryParse(c.Code, out _, out _) || AccessCodes.Contains(c.Code)))
        {
            await Write(admin.RecordPatientCodeAsync(why, patient.NhsNumber, code.Code, Text(code.EffectiveDate)));
        }

        if (patient.Restricted)
        {
            await Write(admin.RestrictPatientAsync(why, patient.NhsNumber));
        }

        if (patient.SafeguardingFlag)
        {
            await Write(admin.RaiseSafeguardingFlagAsync(why, patient.NhsNumber, "corpus-flag"));
        }

        // An empty id cannot be redacted by id; such an entry is DecisionUnavailable whatever its marks.
        foreach (var id in request.Entries.Where(e => e.Redacted && e.Id.Length > 0).Select(e => e.Id).Distinct(StringComparer.Ordinal))
        {
            await Write(admin.RedactEntryAsync(why, patient.NhsNumber, id));
        }

        foreach (var id in request.Entries.Where(e => e.Released && e.Id.Length > 0).Select(e => e.Id).Distinct(StringComparer.Ordinal))
        {
            await Write(admin.ReleaseEntryAsync(why, patient.NhsNumber, id));
        }

        return problems;
    }

    public static string? Text(InputDate date) => date.State switch
    {
        InputDateState.Valid => FhirHost.Date(date.Value),
        InputDateState.Invalid => "not-a-date",
        _ => null,
    };
}
