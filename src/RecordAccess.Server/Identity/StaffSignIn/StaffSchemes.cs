namespace RecordAccess.Server.Identity.StaffSignIn;

/// <summary>The authentication schemes and policy of the staff pages (separate from the bearer schemes of gRPC and FHIR).</summary>
internal static class StaffSchemes
{
    /// <summary>The session cookie of a signed-in member of staff.</summary>
    public const string Cookie = "staff-cookie";

    /// <summary>The OpenID Connect client (authorization code + PKCE).</summary>
    public const string OpenIdConnect = "staff-oidc";

    /// <summary>The authorisation policy every staff page needs: a staff caller from the cookie.</summary>
    public const string Policy = "staff-pages";

    /// <summary>The session cookie's name.</summary>
    public const string CookieName = "recordaccess-staff";
}
