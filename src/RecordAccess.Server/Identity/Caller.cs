using System.Security.Claims;
using RecordAccess.Core.Policy;
using RecordAccess.Identity;

namespace RecordAccess.Server.Identity;

/// <summary>
/// Who is calling, read from a validated token (never from the request body). What each kind may do is decided
/// here, once, for every surface: gRPC maps a refusal to PERMISSION_DENIED, FHIR to 403.
/// </summary>
internal sealed record Caller(
    CallerKind Kind,
    string Id,
    string? NhsNumber = null,
    string? IdentityProofingLevel = null,
    string? Ods = null,
    string? Role = null,
    IReadOnlySet<string>? Scopes = null,
    IReadOnlySet<string>? Practices = null)
{
    public const string EvaluateScope = "gate.evaluate";
    public const string AdminScope = "gate.admin";

    /// <summary>The caller as the audit and the event log name it, e.g. <c>supplier:emis-web</c>.</summary>
    public string AuditName => Kind switch
    {
        CallerKind.Staff => $"staff:{Id}@{Ods}",
        CallerKind.Patient => $"patient:{Id}",
        _ => $"supplier:{Id}",
    };

    /// <summary>Suppliers with <c>gate.evaluate</c> serving the practice, and staff of that practice.</summary>
    public bool MayEvaluate(string ods) => Kind switch
    {
        CallerKind.Supplier => HasScope(EvaluateScope) && Serves(ods),
        CallerKind.Staff => IsStaffOf(ods),
        _ => false,
    };

    /// <summary>Suppliers with <c>gate.admin</c> serving the practice, and staff of that practice.</summary>
    public bool MayAdminister(string ods) => Kind switch
    {
        CallerKind.Supplier => HasScope(AdminScope) && Serves(ods),
        CallerKind.Staff => IsStaffOf(ods),
        _ => false,
    };

    /// <summary>A patient proofed to P9 reading their own record.</summary>
    public bool MayReadOwnRecord(string nhsNumber) =>
        Kind == CallerKind.Patient
        && string.Equals(IdentityProofingLevel, "P9", StringComparison.Ordinal)
        && string.Equals(NhsNumber, nhsNumber, StringComparison.Ordinal);

    /// <summary>The actor recorded with a change this caller makes (staff and suppliers only).</summary>
    public Actor ToActor() => Kind switch
    {
        CallerKind.Staff => Actor.Staff(Id, Ods!, Role!),
        CallerKind.Supplier => Actor.Supplier(Id),
        _ => throw new InvalidOperationException("Patients do not change policy state."),
    };

    public bool HasScope(string scope) => Scopes?.Contains(scope) == true;

    public bool Serves(string ods) => Practices?.Contains(ods) == true;

    private bool IsStaffOf(string ods) =>
        !string.IsNullOrEmpty(Role) && string.Equals(Ods, ods, StringComparison.Ordinal);

    /// <summary>
    /// Reads the caller from an authenticated principal (the authentication layer has validated the token and
    /// added <see cref="CallerClaims.Kind"/>); null when the principal is not an authenticated caller of a known kind,
    /// or lacks the claims its kind needs.
    /// </summary>
    public static Caller? FromPrincipal(ClaimsPrincipal? principal)
    {
        if (principal?.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        var kind = principal.FindFirst(CallerClaims.Kind)?.Value;
        var subject = principal.FindFirst(CallerClaims.Subject)?.Value;
        return kind switch
        {
            "patient" when Value(principal, CallerClaims.NhsNumber) is { } nhs =>
                new Caller(CallerKind.Patient, subject ?? nhs, NhsNumber: nhs, IdentityProofingLevel: Value(principal, CallerClaims.IdentityProofingLevel)),
            "staff" when subject is not null && Value(principal, CallerClaims.OrgCode) is { } ods && Value(principal, CallerClaims.RoleCode) is { } role =>
                new Caller(CallerKind.Staff, subject, Ods: ods, Role: role),
            "supplier" when (Value(principal, CallerClaims.ClientId) ?? subject) is { } client =>
                new Caller(CallerKind.Supplier, client, Scopes: Words(principal, CallerClaims.Scope), Practices: Words(principal, CallerClaims.Practices)),
            _ => null,
        };
    }

    private static string? Value(ClaimsPrincipal principal, string type) =>
        principal.FindFirst(type)?.Value is { Length: > 0 } value ? value : null;

    private static HashSet<string> Words(ClaimsPrincipal principal, string type) =>
        principal.FindAll(type)
            .SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToHashSet(StringComparer.Ordinal);
}
