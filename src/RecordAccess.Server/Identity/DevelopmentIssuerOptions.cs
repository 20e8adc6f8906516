namespace RecordAccess.Server.Identity;

/// <summary>The development issuer: a local signing key that vouches for all three caller kinds.</summary>
internal sealed class DevelopmentIssuerOptions
{
    /// <summary>Accept tokens of the development issuer and serve its JWKS. Refused outside the Development environment.</summary>
    public bool Enabled { get; set; }

    /// <summary>The PEM file of the signing key (created on first use); null for <see cref="RecordAccess.Identity.Development.DevelopmentIssuer.DefaultKeyPath"/>.</summary>
    public string? KeyPath { get; set; }
}
