namespace RecordAccess.Server.Identity;

/// <summary>One production issuer.</summary>
internal sealed class IssuerOptions
{
    /// <summary>The issuer's authority URL (OpenID Connect discovery); null leaves this caller kind without a production issuer.</summary>
    public string? Authority { get; set; }

    /// <summary>The exact <c>iss</c> value, when it differs from <see cref="Authority"/>.</summary>
    public string? Issuer { get; set; }

    /// <summary>The audience for this issuer's tokens, when it differs from <see cref="IdentityOptions.Audience"/>.</summary>
    public string? Audience { get; set; }
}
