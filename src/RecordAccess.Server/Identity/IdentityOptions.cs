namespace RecordAccess.Server.Identity;

/// <summary>
/// The <c>Identity</c> configuration section: the audience this service accepts and, per caller kind, the issuer
/// that vouches for it. Production issuers are configured by authority URL (their OpenID metadata and signing
/// keys are fetched from there); the development issuer is for local runs and tests only.
/// </summary>
internal sealed class IdentityOptions
{
    /// <summary>The <c>aud</c> every token must carry (per issuer overridable).</summary>
    public string Audience { get; set; } = "recordaccess";

    /// <summary>NHS login.</summary>
    public IssuerOptions Patient { get; set; } = new();

    /// <summary>NHS CIS2.</summary>
    public IssuerOptions Staff { get; set; } = new();

    /// <summary>The client-credentials issuer of GP system suppliers.</summary>
    public IssuerOptions Supplier { get; set; } = new();

    /// <summary>
    /// How many validated supplier tokens are kept until they expire (decision 0104); 0 validates every call in full.
    /// </summary>
    public int SupplierTokenCacheSize { get; set; } = 10_000;

    /// <summary>The development issuer (refused outside the Development environment).</summary>
    public DevelopmentIssuerOptions Development { get; set; } = new();
}
