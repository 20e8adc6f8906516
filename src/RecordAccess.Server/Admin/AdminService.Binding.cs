using RecordAccess.Core.Policy;
using RecordAccess.Core.Policy.Admin;
using RecordAccess.Server.Contracts.V1;
using RecordAccess.Server.Grpc;

namespace RecordAccess.Server.Admin;

/// <summary>Binding helpers for the patient writes that share a request message.</summary>
internal sealed partial class AdminService
{
    private delegate Task<AdminResult> PatientWrite(PolicyAdmin admin, ChangeContext why, string nhs, CancellationToken cancellationToken);

    private delegate Task<AdminResult> PatientValueWrite(PolicyAdmin admin, ChangeContext why, string nhs, string value, CancellationToken cancellationToken);

    private static void PatientChange(GrpcServiceBinder<AdminService> binder, string method, PatientWrite write) =>
        binder.Unary<PatientChangeRequest, WriteResponse>(method, PatientChangeRequest.Parser,
            (s, r, c) => s.PatientWriteAsync(c, r.NhsNumber, r.Reason, (a, why, nhs, t) => write(a, why, nhs, t)));

    private static void PatientDate(GrpcServiceBinder<AdminService> binder, string method, PatientValueWrite write) =>
        binder.Unary<PatientDateRequest, WriteResponse>(method, PatientDateRequest.Parser,
            (s, r, c) => s.PatientWriteAsync(c, r.NhsNumber, r.Reason, (a, why, nhs, t) => write(a, why, nhs, r.Date, t)));

    private static void Flag(GrpcServiceBinder<AdminService> binder, string method, PatientValueWrite write) =>
        binder.Unary<SafeguardingFlagRequest, WriteResponse>(method, SafeguardingFlagRequest.Parser,
            (s, r, c) => s.PatientWriteAsync(c, r.NhsNumber, r.Reason, (a, why, nhs, t) => write(a, why, nhs, r.FlagId, t)));

    private static void Entry(GrpcServiceBinder<AdminService> binder, string method, PatientValueWrite write) =>
        binder.Unary<EntryChangeRequest, WriteResponse>(method, EntryChangeRequest.Parser,
            (s, r, c) => s.PatientWriteAsync(c, r.NhsNumber, r.Reason, (a, why, nhs, t) => write(a, why, nhs, r.EntryId, t)));
}
