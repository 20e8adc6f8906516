using RecordAccess.Core.Identifiers;
using RecordAccess.Core.Policy;
using Grpc.Core;
using RecordAccess.Server.Hosting;
using RecordAccess.Server.Identity;

namespace RecordAccess.Server.Admin;

/// <summary>
/// Who may call RecordAccessAdmin for what, in the order every method follows: authenticate (UNAUTHENTICATED) →
/// patients never (PERMISSION_DENIED) → find the practice concerned → <c>RequireAdminister(ods)</c>. Identifiers
/// are checked for form first (INVALID_ARGUMENT), which says nothing about any practice or patient.
/// </summary>
internal static class AdminAccess
{
    /// <summary>The caller, if staff or a supplier; patients may not use the admin service.</summary>
    public static Caller RequireAdminCaller(this ServerCallContext context)
    {
        var caller = context.GetCaller();
        return caller.Kind == CallerKind.Patient
            ? throw RpcErrors.Of(StatusCode.PermissionDenied, "Patients may not use the admin service.")
            : caller;
    }

    /// <summary>The ODS code, if well formed (INVALID_ARGUMENT naming <paramref name="field"/> otherwise).</summary>
    public static string ParseOds(string text, string field = "ods") =>
        OdsCode.TryParse(text, out var ods, out var error) ? ods.Value : throw AdminErrors.Invalid(field, error!);

    /// <summary>The NHS number, if well formed (INVALID_ARGUMENT naming <c>nhs_number</c> otherwise).</summary>
    public static string ParseNhs(string text) =>
        NhsNumber.TryParse(text, out var nhs, out var error) ? nhs.Value : throw AdminErrors.Invalid("nhs_number", error!);

    /// <summary>The caller, if it may administer the practice.</summary>
    public static Caller RequirePractice(this ServerCallContext context, string odsText)
    {
        context.RequireAdminCaller();
        return context.RequireAdminister(ParseOds(odsText));
    }

    /// <summary>
    /// The caller and the patient, if the patient is registered at a practice the caller may administer. Otherwise one
    /// refusal, NOT_FOUND with the same message whether the patient is unknown, another practice's or has moved away
    /// (decision 0090: no existence oracle, no practice code). PolicyAdmin checks the patient again inside the writer lock.
    /// </summary>
    public static (Caller Caller, PatientView Patient) RequirePatient(this ServerCallContext context, PolicyState state, string nhsText)
    {
        var caller = context.RequireAdminCaller();
        var nhs = ParseNhs(nhsText);
        if (caller.Kind == CallerKind.Supplier && !caller.HasScope(Caller.AdminScope))
        {
            // A check of the caller alone: it says nothing about the patient.
            throw RpcErrors.Of(StatusCode.PermissionDenied, $"The caller may not change or read any practice's policy without the scope {Caller.AdminScope}.");
        }

        return state.FindPatient(nhs) is { Ods: { } ods } patient && caller.MayAdminister(ods)
            ? (caller, patient)
            : throw AdminErrors.NotEntitled();
    }

    /// <summary>The change context recorded with every event: the token's identity, and the request's reason.</summary>
    public static ChangeContext Because(this Caller caller, string reason) => new(caller.ToActor(), reason);
}
