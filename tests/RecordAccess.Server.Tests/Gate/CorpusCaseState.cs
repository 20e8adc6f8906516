using System.Globalization;
using RecordAccess.Core.Model;
using RecordAccess.Core.Policy.Admin;
using RecordAccess.Server.Tests.Infrastructure;

namespace RecordAccess.Server.Tests.Gate;

/// <summary>Writes a conformance case's practice and patient through the host's admin service; reports what it refused.</summary>
internal static class CorpusCaseState
{
    /// <summary>The fields the admin refused, and whether the patient ended up registered.</summary>
    public static async Task<(List<string> Refused, bool Registered)> WriteAsync(GateHost host, DecisionRequest request)
    {
        var admin = host.Runtime.Admin;
        var refused = new List<string>();
        var registered = false;

        async Task<bool> Write(Task<AdminResult> call)
        {
            var result = await call;
            refused.AddRange(result.Problems.Select(p => p.Field));
            return result.Succeeded;
        }

        if (request.Practice is { } practice)
        {
            await Write(admin.SetPracticeSettingsAsync(GateHost.System, practice.Ods, Text(practice.SwitchOnDate), practice.OptedOut));
        }

        if (request.Patient is not { } p)
        {
            return (refused, registered);
        }

        var nhs = p.NhsNumber;
        registered = await Write(admin.RegisterPatientAsync(GateHost.System, nhs, request.Practice?.Ods ?? GateHost.Ods, Text(p.DateOfBirth), Text(p.RegistrationDate)));
        foreach (var code in p.Codes)
        {
            // Codes other than 103/104/106 are refused by the admin and ignored by the engine: no answer changes.
            var result = await admin.RecordPatientCodeAsync(GateHost.System, nhs, code.Code, Text(code.EffectiveDate));
            refused.AddRange(result.Problems.Where(x => !x.Message.Contains("already has this code", StringComparison.Ordinal)
                && !x.Message.Contains("must be one of the access codes", StringComparison.Ordinal)).Select(x => x.Field));
        }

        if (p.Restricted)
        {
            await Write(admin.RestrictPatientAsync(GateHost.System, nhs));
        }

        if (p.SafeguardingFlag)
        {
            await Write(admin.RaiseSafeguardingFlagAsync(GateHost.System, nhs, "flag-1"));
        }

        if (p.IndividualGrantDate.State != InputDateState.Absent)
        {
            await Write(admin.GrantIndividualAccessAsync(GateHost.System, nhs, Text(p.IndividualGrantDate)));
        }

        if (p.IndividualStartDate.State != InputDateState.Absent)
        {
            await Write(admin.SetIndividualStartDateAsync(GateHost.System, nhs, Text(p.IndividualStartDate)));
        }

        if (p.HistoricFromDate.State != InputDateState.Absent)
        {
            await Write(admin.GrantHistoricAccessAsync(GateHost.System, nhs, Text(p.HistoricFromDate)));
        }

        return (refused, registered);
    }

    public static string? Text(InputDate date) => date.State switch
    {
        InputDateState.Valid => date.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        InputDateState.Invalid => "not-a-date",
        _ => null,
    };
}
