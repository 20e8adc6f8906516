using Microsoft.IdentityModel.Tokens;
using Grpc.Core;

namespace RecordAccess.Server.Identity;

/// <summary>
/// Why a call's bearer token was not accepted, in words safe to send back (never the token, a key or a claim value).
/// Recorded in <see cref="HttpContext.Items"/> by the authentication layer; read by <see cref="GrpcCallerExtensions.GetCaller"/>.
/// </summary>
internal sealed record TokenFailure(StatusCode Status, string Message)
{
    private const string ItemKey = "RecordAccess.Identity.TokenFailure";

    public static readonly TokenFailure Missing = new(StatusCode.Unauthenticated, "A bearer token is required (metadata 'authorization: Bearer <token>').");
    public static readonly TokenFailure NotBearer = new(StatusCode.Unauthenticated, "The authorization metadata must be 'Bearer <token>'.");
    public static readonly TokenFailure Malformed = new(StatusCode.Unauthenticated, "The bearer token is not a well-formed signed JWT naming its issuer (iss).");
    public static readonly TokenFailure UnknownIssuer = new(StatusCode.Unauthenticated, "The bearer token's issuer (iss) is not one this service accepts.");
    public static readonly TokenFailure Expired = new(StatusCode.Unauthenticated, "The bearer token has expired.");
    public static readonly TokenFailure NotYetValid = new(StatusCode.Unauthenticated, "The bearer token is not valid yet (nbf).");
    public static readonly TokenFailure NoExpiry = new(StatusCode.Unauthenticated, "The bearer token has no expiry (exp).");
    public static readonly TokenFailure WrongAudience = new(StatusCode.Unauthenticated, "The bearer token is not for this service (aud).");
    public static readonly TokenFailure BadSignature = new(StatusCode.Unauthenticated, "The bearer token's signature does not verify with its issuer's keys.");
    public static readonly TokenFailure Invalid = new(StatusCode.Unauthenticated, "The bearer token is not valid.");
    public static readonly TokenFailure IssuerUnreachable = new(StatusCode.Unavailable, "The token's issuer could not be reached to fetch its signing keys; retry shortly.");

    /// <summary>The failure recorded for this request, if any.</summary>
    public static TokenFailure? Of(HttpContext context) => context.Items.TryGetValue(ItemKey, out var value) ? value as TokenFailure : null;

    public void RecordIn(HttpContext context) => context.Items[ItemKey] = this;

    /// <summary>A token of a known issuer that lacks a claim its kind needs.</summary>
    public static TokenFailure MissingClaims(string kind) => new(StatusCode.Unauthenticated, kind switch
    {
        "patient" => "The patient token lacks a claim it must carry (nhs_number).",
        "staff" => "The staff token lacks a claim it must carry (sub, org_code, role_code).",
        _ => "The supplier token lacks a claim it must carry (client_id or sub).",
    });

    /// <summary>Names what JwtBearer (Microsoft.IdentityModel) found wrong with a token.</summary>
    public static TokenFailure Describe(Exception exception) => exception switch
    {
        SecurityTokenExpiredException => Expired,
        SecurityTokenNotYetValidException => NotYetValid,
        SecurityTokenNoExpirationException => NoExpiry,
        SecurityTokenInvalidAudienceException => WrongAudience,
        SecurityTokenInvalidIssuerException => UnknownIssuer,
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException
            or SecurityTokenInvalidAlgorithmException => BadSignature,
        SecurityTokenMalformedException or ArgumentException => Malformed,
        SecurityTokenException => Invalid,
        InvalidOperationException or HttpRequestException or IOException => IssuerUnreachable,
        _ => Invalid,
    };
}
