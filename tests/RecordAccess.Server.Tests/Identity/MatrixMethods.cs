using RecordAccess.Server.Contracts.V1;

namespace RecordAccess.Server.Tests.Identity;

/// <summary>
/// One row per RPC of RecordAccessGate and RecordAccessAdmin: a request that is valid in every way for a fresh practice and
/// patient (after <see cref="MatrixMethod.Prepare"/>), and the supplier scope the method needs. A new RPC without a row
/// fails <see cref="AuthorisationMatrixTests"/>.
/// </summary>
internal static class MatrixMethods
{
    private const string Evaluate = "gate.evaluate";
    private const string Admin = "gate.admin";

    public static IReadOnlyDictionary<string, MatrixMethod> All { get; } = new Dictionary<string, MatrixMethod>(StringComparer.Ordinal)
    {
        ["recordaccess.v1.RecordAccessGate/EvaluateEntries"] = new(Evaluate, t => new EvaluateEntriesRequest { NhsNumber = t.Nhs, Entries = { Entry() } }),
        ["recordaccess.v1.RecordAccessGate/StreamEvaluate"] = new(Evaluate, t => new StreamEvaluateRequest { RequestId = "r1", NhsNumber = t.Nhs, Entries = { Entry() }, Last = true }),
        ["recordaccess.v1.RecordAccessGate/GetPatientAccess"] = new(Evaluate, t => new GetPatientAccessRequest { NhsNumber = t.Nhs }),
        ["recordaccess.v1.RecordAccessGate/ExplainEntry"] = new(Admin, t => new ExplainEntryRequest { NhsNumber = t.Nhs, Entries = { Entry() }, EntryId = "e1" }),

        ["recordaccess.v1.RecordAccessAdmin/SetPracticeSettings"] = new(Admin, t => new SetPracticeSettingsRequest { Ods = t.Ods, SwitchOnDate = "2024-01-01", OptedOut = true, Reason = Why }),
        ["recordaccess.v1.RecordAccessAdmin/RegisterPatient"] = new(Admin, t => new RegisterPatientRequest
        {
            NhsNumber = t.Unregistered, Ods = t.Ods, DateOfBirth = "1980-05-05", RegistrationDate = "2010-01-01", Reason = Why,
        }),
        ["recordaccess.v1.RecordAccessAdmin/RecordPatientCode"] = new(Admin, t => new RecordPatientCodeRequest { NhsNumber = t.Nhs, Code = "1290331000000103", EffectiveDate = "2024-01-10", Reason = Why }),
        ["recordaccess.v1.RecordAccessAdmin/BatchCode"] = new(Admin, t => new BatchCodeRequest
        {
            Ods = t.Ods, Code = "1290331000000103", EffectiveDate = "2024-01-10", NhsNumbers = { t.Nhs }, Reason = Why,
        }),
        ["recordaccess.v1.RecordAccessAdmin/RestrictPatient"] = new(Admin, t => Patient(t)),
        ["recordaccess.v1.RecordAccessAdmin/LiftRestriction"] = new(Admin, t => Patient(t), (a, c, t) => a.RestrictPatientAsync(c, t.Nhs)),
        ["recordaccess.v1.RecordAccessAdmin/RaiseSafeguardingFlag"] = new(Admin, t => Flag(t)),
        ["recordaccess.v1.RecordAccessAdmin/ResolveSafeguardingFlag"] = new(Admin, t => Flag(t), (a, c, t) => a.RaiseSafeguardingFlagAsync(c, t.Nhs, "f1")),
        ["recordaccess.v1.RecordAccessAdmin/GrantIndividualAccess"] = new(Admin, t => Date(t, "2024-02-01")),
        ["recordaccess.v1.RecordAccessAdmin/RevokeIndividualAccess"] = new(Admin, t => Patient(t), (a, c, t) => a.GrantIndividualAccessAsync(c, t.Nhs, "2024-02-01")),
        ["recordaccess.v1.RecordAccessAdmin/SetIndividualStartDate"] = new(Admin, t => Date(t, "2024-03-01")),
        ["recordaccess.v1.RecordAccessAdmin/RemoveIndividualStartDate"] = new(Admin, t => Patient(t), (a, c, t) => a.SetIndividualStartDateAsync(c, t.Nhs, "2024-03-01")),
        ["recordaccess.v1.RecordAccessAdmin/GrantHistoricAccess"] = new(Admin, t => Date(t, "2015-01-01")),
        ["recordaccess.v1.RecordAccessAdmin/RevokeHistoricAccess"] = new(Admin, t => Patient(t), (a, c, t) => a.GrantHistoricAccessAsync(c, t.Nhs, "2015-01-01")),
        ["recordaccess.v1.RecordAccessAdmin/RedactEntry"] = new(Admin, t => EntryChange(t)),
        ["recordaccess.v1.RecordAccessAdmin/UnredactEntry"] = new(Admin, t => EntryChange(t), (a, c, t) => a.RedactEntryAsync(c, t.Nhs, "e1")),
        ["recordaccess.v1.RecordAccessAdmin/ReleaseEntry"] = new(Admin, t => EntryChange(t)),
        ["recordaccess.v1.RecordAccessAdmin/WithdrawRelease"] = new(Admin, t => EntryChange(t), (a, c, t) => a.ReleaseEntryAsync(c, t.Nhs, "e1")),
        ["recordaccess.v1.RecordAccessAdmin/GetPatientState"] = new(Admin, t => new GetPatientStateRequest { NhsNumber = t.Nhs }),
        ["recordaccess.v1.RecordAccessAdmin/WatchChanges"] = new(Admin, t => new WatchChangesRequest { FromVersion = 0, Ods = t.Ods }),
    };

    private const string Why = "authorisation matrix";

    private static Entry Entry() => new() { Id = "e1", RecordedDate = "2024-01-02", Kind = EntryKind.Consultation, Status = EntryStatus.Final };

    private static PatientChangeRequest Patient(MatrixTarget t) => new() { NhsNumber = t.Nhs, Reason = Why };

    private static SafeguardingFlagRequest Flag(MatrixTarget t) => new() { NhsNumber = t.Nhs, FlagId = "f1", Reason = Why };

    private static PatientDateRequest Date(MatrixTarget t, string date) => new() { NhsNumber = t.Nhs, Date = date, Reason = Why };

    private static EntryChangeRequest EntryChange(MatrixTarget t) => new() { NhsNumber = t.Nhs, EntryId = "e1", Reason = Why };
}
