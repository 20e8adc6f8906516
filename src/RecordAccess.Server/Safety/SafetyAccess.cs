using RecordAccess.Server.Identity;

namespace RecordAccess.Server.Safety;

/// <summary>
/// Who may read incidents and reports beyond one practice (decision 0116): a supplier-kind client (e.g. the NHS England
/// patient-safety team's) whose token carries the <see cref="NationalScope"/> scope. Practice callers only ever see their own.
/// </summary>
internal static class SafetyAccess
{
    public const string NationalScope = "safety.national";

    public static bool IsNational(Caller caller) => caller.Kind == CallerKind.Supplier && caller.HasScope(NationalScope);

    /// <summary>Whether the caller may read the given scope: national (null) only with the national scope; a practice with admin rights for it or the national scope.</summary>
    public static bool MayRead(Caller caller, string? ods) => IsNational(caller) || (ods is not null && caller.MayAdminister(ods));
}
