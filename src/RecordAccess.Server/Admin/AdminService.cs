using Microsoft.Extensions.Options;
using RecordAccess.Core.Policy;
using RecordAccess.Core.Policy.Admin;
using RecordAccess.Server.Contracts.V1;
using RecordAccess.Server.Grpc;
using RecordAccess.Server.Identity;
using RecordAccess.Server.Policy;

namespace RecordAccess.Server.Admin;

/// <summary>
/// recordaccess.v1.RecordAccessAdmin (protos/recordaccess/v1/admin.proto): each write is a thin mapping onto
/// <see cref="PolicyAdmin"/> with the caller's identity and the request's reason; authorisation is in
/// <see cref="AdminAccess"/>, status mapping in <see cref="AdminErrors"/>.
/// </summary>
internal sealed partial class AdminService(
    PolicyRuntime runtime,
    IOptions<AdminOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<AdminService> logger) : IGrpcService<AdminService>
{
    public static string ServiceName => "recordaccess.v1.RecordAccessAdmin";

    public static void Bind(GrpcServiceBinder<AdminService> binder)
    {
        binder.Unary<SetPracticeSettingsRequest, WriteResponse>("SetPracticeSettings", SetPracticeSettingsRequest.Parser, (s, r, c) => s.SetPracticeSettingsAsync(r, c));
        binder.Unary<RegisterPatientRequest, WriteResponse>("RegisterPatient", RegisterPatientRequest.Parser, (s, r, c) => s.RegisterPatientAsync(r, c));
        binder.Unary<RecordPatientCodeRequest, WriteResponse>("RecordPatientCode", RecordPatientCodeRequest.Parser,
            (s, r, c) => s.PatientWriteAsync(c, r.NhsNumber, r.Reason, (a, why, nhs, t) => a.RecordPatientCodeAsync(why, nhs, r.Code, r.EffectiveDate, t)));
        binder.Unary<BatchCodeRequest, BatchCodeResponse>("BatchCode", BatchCodeRequest.Parser, (s, r, c) => s.BatchCodeAsync(r, c));
        PatientChange(binder, "RestrictPatient", (a, why, nhs, t) => a.RestrictPatientAsync(why, nhs, t));
        PatientChange(binder, "LiftRestriction", (a, why, nhs, t) => a.LiftRestrictionAsync(why, nhs, t));
        Flag(binder, "RaiseSafeguardingFlag", (a, why, nhs, id, t) => a.RaiseSafeguardingFlagAsync(why, nhs, id, t));
        Flag(binder, "ResolveSafeguardingFlag", (a, why, nhs, id, t) => a.ResolveSafeguardingFlagAsync(why, nhs, id, t));
        PatientDate(binder, "GrantIndividualAccess", (a, why, nhs, date, t) => a.GrantIndividualAccessAsync(why, nhs, date, t));
        PatientChange(binder, "RevokeIndividualAccess", (a, why, nhs, t) => a.RevokeIndividualAccessAsync(why, nhs, t));
        PatientDate(binder, "SetIndividualStartDate", (a, why, nhs, date, t) => a.SetIndividualStartDateAsync(why, nhs, date, t));
        PatientChange(binder, "RemoveIndividualStartDate", (a, why, nhs, t) => a.RemoveIndividualStartDateAsync(why, nhs, t));
        PatientDate(binder, "GrantHistoricAccess", (a, why, nhs, date, t) => a.GrantHistoricAccessAsync(why, nhs, date, t));
        PatientChange(binder, "RevokeHistoricAccess", (a, why, nhs, t) => a.RevokeHistoricAccessAsync(why, nhs, t));
        Entry(binder, "RedactEntry", (a, why, nhs, id, t) => a.RedactEntryAsync(why, nhs, id, t));
        Entry(binder, "UnredactEntry", (a, why, nhs, id, t) => a.UnredactEntryAsync(why, nhs, id, t));
        Entry(binder, "ReleaseEntry", (a, why, nhs, id, t) => a.ReleaseEntryAsync(why, nhs, id, t));
        Entry(binder, "WithdrawRelease", (a, why, nhs, id, t) => a.WithdrawReleaseAsync(why, nhs, id, t));
        binder.Unary<GetPatientStateRequest, PatientState>("GetPatientState", GetPatientStateRequest.Parser, (s, r, c) => s.GetPatientStateAsync(r, c));
        binder.ServerStreaming<WatchChangesRequest, ChangeEvent>("WatchChanges", WatchChangesRequest.Parser, (s, r, w, c) => s.WatchChangesAsync(r, w, c));
    }

    /// <summary>A practice's settings: the caller must administer that practice.</summary>
    public async Task<WriteResponse> SetPracticeSettingsAsync(SetPracticeSettingsRequest request, ServerCallContext context)
    {
        var caller = context.RequirePractice(request.Ods);
        return Written(await runtime.Admin.SetPracticeSettingsAsync(
            caller.Because(request.Reason), request.Ods, request.SwitchOnDate, request.OptedOut, context.CancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// A registration: the caller must administer the new practice and, when this moves a registered patient, the
    /// practice the patient leaves too (decision A2), so nobody can take a patient's record into their own practice.
    /// </summary>
    public async Task<WriteResponse> RegisterPatientAsync(RegisterPatientRequest request, ServerCallContext context)
    {
        var caller = context.RequirePractice(request.Ods);
        var nhs = AdminAccess.ParseNhs(request.NhsNumber);
        if (runtime.State.FindPatient(nhs)?.Ods is { } current && !string.Equals(current, request.Ods, StringComparison.Ordinal))
        {
            context.RequireAdminister(current);
        }

        return Written(await runtime.Admin.RegisterPatientAsync(
            caller.Because(request.Reason), nhs, request.Ods, request.DateOfBirth, request.RegistrationDate, context.CancellationToken).ConfigureAwait(false));
    }

    private async Task<WriteResponse> PatientWriteAsync(
        ServerCallContext context, string nhsNumber, string reason, Func<PolicyAdmin, ChangeContext, string, CancellationToken, Task<AdminResult>> write)
    {
        var (caller, patient) = context.RequirePatient(runtime.State, nhsNumber);
        return Written(await write(runtime.Admin, caller.Because(reason), patient.NhsNumber, context.CancellationToken).ConfigureAwait(false));
    }

    private static WriteResponse Written(AdminResult result) => result.Succeeded
        ? new WriteResponse { StateVersion = (ulong)result.Version, Replayed = result.Replayed }
        : throw AdminErrors.Refused(result.Rejection, result.Problems);
}
