using Microsoft.IdentityModel.Tokens;

namespace RecordAccess.Server.Identity;

/// <summary>
/// One JwtBearer scheme: one issuer (a production authority, or the development issuer of one kind) and only that
/// issuer's keys. A token is validated by the scheme of the issuer it names and by no other, so no issuer's key can
/// vouch for another issuer's tokens.
/// </summary>
/// <param name="Name">The authentication scheme name, e.g. <c>staff</c> or <c>staff-development</c>.</param>
/// <param name="Kind">The caller kind the scheme vouches for: "patient", "staff" or "supplier".</param>
/// <param name="Issuers">The <c>iss</c> values this scheme accepts.</param>
/// <param name="Audience">The <c>aud</c> its tokens must carry.</param>
/// <param name="Authority">The production authority (keys from its metadata), or null for the development issuer.</param>
/// <param name="RequireHttpsMetadata">False only for a loopback http authority allowed by configuration (tests).</param>
/// <param name="DevelopmentKey">The development issuer's key, for the development schemes only.</param>
internal sealed record IssuerScheme(
    string Name,
    string Kind,
    IReadOnlyList<string> Issuers,
    string Audience,
    string? Authority,
    bool RequireHttpsMetadata,
    SecurityKey? DevelopmentKey);
