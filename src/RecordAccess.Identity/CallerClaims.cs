namespace RecordAccess.Identity;

/// <summary>
/// The claim names the service reads from validated tokens. <see cref="Kind"/> is not in any token: the
/// authentication layer adds it from the issuer that validated the token, so a token can never claim a kind.
/// </summary>
public static class CallerClaims
{
    /// <summary>Added after validation: "patient", "staff" or "supplier".</summary>
    public const string Kind = "recordaccess_caller_kind";

    /// <summary>Every kind: the subject (NHS login subject, CIS2 user id, or the supplier's client id).</summary>
    public const string Subject = "sub";

    /// <summary>Patients (NHS login): the patient's NHS number.</summary>
    public const string NhsNumber = "nhs_number";

    /// <summary>Patients (NHS login): P0, P5 or P9; only P9 may see record information.</summary>
    public const string IdentityProofingLevel = "identity_proofing_level";

    /// <summary>Staff (CIS2 selected role): the ODS code of the organisation the staff member acts for.</summary>
    public const string OrgCode = "org_code";

    /// <summary>Staff (CIS2 selected role): the national RBAC role code, e.g. R8000.</summary>
    public const string RoleCode = "role_code";

    /// <summary>Suppliers: the OAuth2 client id.</summary>
    public const string ClientId = "client_id";

    /// <summary>Suppliers: space-separated scopes (<c>gate.evaluate</c>, <c>gate.admin</c>).</summary>
    public const string Scope = "scope";

    /// <summary>Suppliers: the ODS codes of the practices the supplier serves (one claim per code, or space-separated).</summary>
    public const string Practices = "practices";
}
