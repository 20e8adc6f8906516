namespace RecordAccess.Server.Identity;

/// <summary>One production issuer.</summary>
internal sealed class IssuerOptions
{
    /// <summary>
    /// The issuer's authority URL (OpenID Connect discovery at <c>{Authority}/.well-known/openid-configuration</c>, keys
    /// from its <c>jwks_uri</c>); https only. Null leaves this caller kind without a production issuer.
    /// </summary>
    public string? Authority { get; set; }

    /// <summary>The exact <c>iss</c> value, when it differs from <see cref="Authority"/>.</summary>
    public string? Issuer { get; set; }

    /// <summary>The audience for this issuer's tokens, when it differs from <see cref="IdentityOptions.Audience"/>.</summary>
    public string? Audience { get; set; }

    /// <summary>
    /// Tests only: accept an <c>http://</c> authority when its host is a loopback address (127.0.0.1, [::1], localhost).
    /// An http authority anywhere else is refused at start, whatever this says.
    /// </summary>
    public bool AllowHttpMetadataOnLoopback { get; set; }
}
