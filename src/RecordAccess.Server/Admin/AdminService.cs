using Microsoft.Extensions.Options;
using RecordAccess.Core.Policy;
using RecordAccess.Core.Policy.Admin;
using RecordAccess.Server.Contracts.V1;
using Grpc.Core;
using RecordAccess.Server.Hosting;
using RecordAccess.Server.Policy;

namespace RecordAccess.Server.Admin;

/// <summary>
/// recordaccess.v1.RecordAccessAdmin (protos/recordaccess/v1/admin.proto): each write is a thin mapping onto
/// <see cref="PolicyAdmin"/> with the caller's identity and the request's reason; authorisation is in
/// <see cref="AdminAccess"/>, status mapping in <see cref="AdminErrors"/>.
/// </summary>
internal sealed partial class AdminService(
    PolicyRuntime runtime,
    PolicyFreshness freshness,
    IOptions<AdminOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider clock,
    ILogger<AdminService> logger) : RecordAccessAdmin.RecordAccessAdminBase
{
    /// <summary>A practice's settings: the caller must administer that practice.</summary>
    public override async Task<WriteResponse> SetPracticeSettings(SetPracticeSettingsRequest request, ServerCallContext context)
    {
        var caller = context.RequirePractice(request.Ods);
        return Written(await runtime.Admin.SetPracticeSettingsAsync(
            caller.Because(request.Reason), request.Ods, request.SwitchOnDate, request.OptedOut, Key(request.IdempotencyKey), context.CancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// A registration: the caller must administer the new practice and, when this moves a registered patient, the
    /// practice the patient leaves too (decision A2), so nobody can take a patient's record into their own practice.
    /// </summary>
    public override async Task<WriteResponse> RegisterPatient(RegisterPatientRequest request, ServerCallContext context)
    {
        var caller = context.RequirePractice(request.Ods);
        var nhs = AdminAccess.ParseNhs(request.NhsNumber);
        if (runtime.State.FindPatient(nhs)?.Ods is { } current && !string.Equals(current, request.Ods, StringComparison.Ordinal) && !caller.MayAdminister(current))
        {
            // Names no practice: the practice left is not told where the patient went, nor the caller where they are.
            throw RpcErrors.Of(StatusCode.PermissionDenied,
                "nhs_number: the patient is registered at a practice the caller may not administer; a move needs both practices (decision A2).");
        }

        return Written(await runtime.Admin.RegisterPatientAsync(
            caller.Because(request.Reason), nhs, request.Ods, request.DateOfBirth, request.RegistrationDate, Key(request.IdempotencyKey), context.CancellationToken).ConfigureAwait(false));
    }

    public override Task<WriteResponse> RecordPatientCode(RecordPatientCodeRequest request, ServerCallContext context) =>
        PatientWriteAsync(context, request.NhsNumber, request.Reason, (a, why, nhs, t) => a.RecordPatientCodeAsync(why, nhs, request.Code, request.EffectiveDate, Key(request.IdempotencyKey), t));

    public override Task<WriteResponse> RestrictPatient(PatientChangeRequest request, ServerCallContext context) =>
        PatientWriteAsync(context, request.NhsNumber, request.Reason, (a, why, nhs, t) => a.RestrictPatientAsync(why, nhs, Key(request.IdempotencyKey), t));

    public override Task<WriteResponse> LiftRestriction(PatientChangeRequest request, ServerCallContext context) =>
        PatientWriteAsync(context, request.NhsNumber, request.Reason, (a, why, nhs, t) => a.LiftRestrictionAsync(why, nhs, Key(request.IdempotencyKey), t));

    public override Task<WriteResponse> RaiseSafeguardingFlag(SafeguardingFlagRequest request, ServerCallContext context) =>
        PatientWriteAsync(context, request.NhsNumber, request.Reason, (a, why, nhs, t) => a.RaiseSafeguardingFlagAsync(why, nhs, request.FlagId, Key(request.IdempotencyKey), t));

    public override Task<WriteResponse> ResolveSafeguardingFlag(SafeguardingFlagRequest request, ServerCallContext context) =>
        PatientWriteAsync(context, request.NhsNumber, request.Reason, (a, why, nhs, t) => a.ResolveSafeguardingFlagAsync(why, nhs, request.FlagId, Key(request.IdempotencyKey), t));

    public override Task<WriteResponse> GrantIndividualAccess(PatientDateRequest request, ServerCallContext context) =>
        PatientWriteAsync(context, request.NhsNumber, request.Reason, (a, why, nhs, t) => a.GrantIndividualAccessAsync(why, nhs, request.Date, Key(request.IdempotencyKey), t));

    public override Task<WriteResponse> RevokeIndividualAccess(PatientChangeRequest request, ServerCallContext context) =>
        PatientWriteAsync(context, request.NhsNumber, request.Reason, (a, why, nhs, t) => a.RevokeIndividualAccessAsync(why, nhs, Key(request.IdempotencyKey), t));

    public override Task<WriteResponse> SetIndividualStartDate(PatientDateRequest request, ServerCallContext context) =>
        PatientWriteAsync(context, request.NhsNumber, request.Reason, (a, why, nhs, t) => a.SetIndividualStartDateAsync(why, nhs, request.Date, Key(request.IdempotencyKey), t));

    public override Task<WriteResponse> RemoveIndividualStartDate(PatientChangeRequest request, ServerCallContext context) =>
        PatientWriteAsync(context, request.NhsNumber, request.Reason, (a, why, nhs, t) => a.RemoveIndividualStartDateAsync(why, nhs, Key(request.IdempotencyKey), t));

    public override Task<WriteResponse> GrantHistoricAccess(PatientDateRequest request, ServerCallContext context) =>
        PatientWriteAsync(context, request.NhsNumber, request.Reason, (a, why, nhs, t) => a.GrantHistoricAccessAsync(why, nhs, request.Date, Key(request.IdempotencyKey), t));

    public override Task<WriteResponse> RevokeHistoricAccess(PatientChangeRequest request, ServerCallContext context) =>
        PatientWriteAsync(context, request.NhsNumber, request.Reason, (a, why, nhs, t) => a.RevokeHistoricAccessAsync(why, nhs, Key(request.IdempotencyKey), t));

    public override Task<WriteResponse> RedactEntry(EntryChangeRequest request, ServerCallContext context) =>
        PatientWriteAsync(context, request.NhsNumber, request.Reason, (a, why, nhs, t) => a.RedactEntryAsync(why, nhs, request.EntryId, Key(request.IdempotencyKey), t));

    public override Task<WriteResponse> UnredactEntry(EntryChangeRequest request, ServerCallContext context) =>
        PatientWriteAsync(context, request.NhsNumber, request.Reason, (a, why, nhs, t) => a.UnredactEntryAsync(why, nhs, request.EntryId, Key(request.IdempotencyKey), t));

    public override Task<WriteResponse> ReleaseEntry(EntryChangeRequest request, ServerCallContext context) =>
        PatientWriteAsync(context, request.NhsNumber, request.Reason, (a, why, nhs, t) => a.ReleaseEntryAsync(why, nhs, request.EntryId, Key(request.IdempotencyKey), t));

    public override Task<WriteResponse> WithdrawRelease(EntryChangeRequest request, ServerCallContext context) =>
        PatientWriteAsync(context, request.NhsNumber, request.Reason, (a, why, nhs, t) => a.WithdrawReleaseAsync(why, nhs, request.EntryId, Key(request.IdempotencyKey), t));

    private async Task<WriteResponse> PatientWriteAsync(
        ServerCallContext context, string nhsNumber, string reason, Func<PolicyAdmin, ChangeContext, string, CancellationToken, Task<AdminResult>> write)
    {
        var (caller, patient) = context.RequirePatient(runtime.State, nhsNumber);
        var result = await write(runtime.Admin, caller.Because(reason), patient.NhsNumber, context.CancellationToken).ConfigureAwait(false);

        // The patient moved away between this server's check and the writer lock: the same refusal as any patient not the
        // caller's. Any other refusal (a non-clinical role lifting a flag, decision 0096) is answered as itself.
        return MovedAway(result) ? throw AdminErrors.NotEntitled() : Written(result);
    }

    /// <summary>
    /// The answer to a write: done (with its version), a replay of a done write, or unchanged because the change was
    /// already in effect (decision A7), so a client retrying after a lost answer cannot be told "refused" for "done".
    /// </summary>
    private static WriteResponse Written(AdminResult result) => result.Succeeded
        ? new WriteResponse { StateVersion = (ulong)result.Version, Replayed = result.Replayed, Unchanged = result.Unchanged }
        : throw AdminErrors.Refused(result.Rejection, result.Problems);

    private static bool MovedAway(AdminResult result) =>
        !result.Succeeded
        && result.Rejection == AdminRejection.NotPermitted
        && result.Problems.Any(p => string.Equals(p.Field, "actor.ods", StringComparison.Ordinal));

    /// <summary>An idempotency key as the contract sends it: empty means none.</summary>
    private static string? Key(string key) => key.Length > 0 ? key : null;
}
