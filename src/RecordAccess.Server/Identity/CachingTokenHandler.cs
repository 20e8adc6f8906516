using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace RecordAccess.Server.Identity;

/// <summary>
/// The JwtBearer token handler of the supplier schemes: the library's <see cref="JsonWebTokenHandler"/>, which does all
/// the validating, with its valid results remembered in <see cref="ValidatedTokenCache"/> (decision 0104). One handler,
/// and so one set of validation parameters, per scheme; the shared cache's key names the scheme, so one scheme's entry is
/// never another's.
/// </summary>
internal sealed class CachingTokenHandler(ValidatedTokenCache cache, string scheme) : JsonWebTokenHandler
{
    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        ArgumentNullException.ThrowIfNull(validationParameters);
        if (token is null || cache.Find(scheme, token, validationParameters) is not { } cached)
        {
            var result = await base.ValidateTokenAsync(token, validationParameters).ConfigureAwait(false);
            if (token is not null)
            {
                cache.Add(scheme, token, validationParameters, result);
            }

            return result;
        }

        return cached;
    }
}
