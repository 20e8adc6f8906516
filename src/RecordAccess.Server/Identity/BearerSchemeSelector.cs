using Microsoft.IdentityModel.JsonWebTokens;

namespace RecordAccess.Server.Identity;

/// <summary>
/// Picks the scheme of the issuer a token names (read unvalidated here; that scheme validates it). A call with no
/// token, a token that is not a JWT, or a JWT of an issuer this service does not accept goes to
/// <see cref="UnacceptedTokenHandler"/> with the reason recorded: it is never tried against any issuer's keys.
/// </summary>
internal sealed class BearerSchemeSelector(IReadOnlyDictionary<string, string> schemeByIssuer)
{
    public const string Unaccepted = "Bearer-unaccepted";

    private static readonly JsonWebTokenHandler Reader = new();

    public string Select(HttpContext context)
    {
        var (scheme, failure) = Classify(context.Request.Headers.Authorization.ToString());
        failure?.RecordIn(context);
        return scheme;
    }

    private (string Scheme, TokenFailure? Failure) Classify(string header)
    {
        if (header.Length == 0)
        {
            return (Unaccepted, TokenFailure.Missing);
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return (Unaccepted, TokenFailure.NotBearer);
        }

        var token = header["Bearer ".Length..].Trim();
        if (!Reader.CanReadToken(token) || IssuerOf(token) is not { } issuer)
        {
            return (Unaccepted, TokenFailure.Malformed);
        }

        return schemeByIssuer.TryGetValue(issuer, out var scheme) ? (scheme, null) : (Unaccepted, TokenFailure.UnknownIssuer);
    }

    private static string? IssuerOf(string token)
    {
        try
        {
            return Reader.ReadJsonWebToken(token).Issuer is { Length: > 0 } issuer ? issuer : null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
