namespace RecordAccess.Server.Identity.StaffSignIn;

/// <summary>
/// The <c>Identity:StaffSignIn</c> section: OpenID Connect sign-in of practice staff to the pages (NHS CIS2 in
/// production). In Development with the development provider on and no authority, the service signs staff in
/// against its own provider (decision 0095).
/// </summary>
internal sealed class StaffSignInOptions
{
    /// <summary>The OpenID Connect authority (https; CIS2 in production). Null: the development provider in Development, otherwise no pages.</summary>
    public string? Authority { get; set; }

    /// <summary>The client id registered with the authority.</summary>
    public string ClientId { get; set; } = "recordaccess-staff-pages";

    /// <summary>The client secret, when the authority needs one (never in appsettings: environment or a secret store).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Extra scopes besides <c>openid</c> (CIS2: <c>nationalrbacaccess</c>).</summary>
    public string[] Scopes { get; set; } = [];

    /// <summary>The ID-token claim carrying the selected role's organisation (ODS code).</summary>
    public string OrgClaim { get; set; } = RecordAccess.Identity.CallerClaims.OrgCode;

    /// <summary>The ID-token claim carrying the selected national RBAC role code.</summary>
    public string RoleClaim { get; set; } = RecordAccess.Identity.CallerClaims.RoleCode;

    /// <summary>Sign-out after this long without a request (sliding).</summary>
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Accept an http authority on a loopback address (tests and the development provider only).</summary>
    public bool AllowHttpMetadataOnLoopback { get; set; }

    /// <summary>Use the service's own development provider (Development only; on by default when the development issuer is).</summary>
    public bool UseDevelopmentProvider { get; set; } = true;
}
