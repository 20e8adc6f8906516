using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.IdentityModel.Tokens;

namespace RecordAccess.Server.Identity;

/// <summary>
/// Supplier tokens that passed the full validation, kept until they expire (decision 0104), so a supplier's stream of
/// calls with one client-credentials token is verified once rather than an ECDSA verify per call. Keyed by the scheme and the
/// SHA-256 of the whole compact token (header, payload and signature), so any changed byte is a different key and is validated
/// in full. An entry is used only while the token's <c>exp</c> plus the validation's clock skew has not passed (the
/// same rule the validation applies, on the same real clock) and only with the very signing keys it was validated
/// against (a refreshed key set is a miss). Only valid results are ever added. At most
/// <see cref="IdentityOptions.SupplierTokenCacheSize"/> entries: when full, new tokens are validated and not kept.
/// </summary>
internal sealed class ValidatedTokenCache : IDisposable
{
    private readonly MemoryCache _entries;
    private readonly TimeProvider _clock;

    /// <param name="capacity">At most this many tokens (0: nothing is cached).</param>
    /// <param name="clock">The real clock, as the token validation reads it (never a test's settable clock).</param>
    public ValidatedTokenCache(int capacity, TimeProvider clock)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        Capacity = capacity;
        _clock = clock;
        _entries = new MemoryCache(new MemoryCacheOptions { SizeLimit = Math.Max(capacity, 1) });
    }

    public int Capacity { get; }

    /// <summary>How many tokens are held now (never above <see cref="Capacity"/>).</summary>
    public int Count => _entries.Count;

    /// <summary>The cached result for this exact token and key set, as a new result the caller may change; or null.</summary>
    public TokenValidationResult? Find(string scheme, string token, TokenValidationParameters parameters)
    {
        if (Capacity == 0 || !_entries.TryGetValue(KeyOf(scheme, token), out Entry? entry) || entry is null)
        {
            return null;
        }

        if (_clock.GetUtcNow() >= entry.UsableUntil || !SameKeys(entry.Keys, parameters))
        {
            return null;
        }

        return new TokenValidationResult
        {
            IsValid = true,
            ClaimsIdentity = entry.Identity.Clone(),
            SecurityToken = entry.Token,
            Issuer = entry.Issuer,
            TokenType = entry.TokenType,
        };
    }

    /// <summary>Keeps a valid result until the token's expiry plus the clock skew; anything else is ignored.</summary>
    public void Add(string scheme, string token, TokenValidationParameters parameters, TokenValidationResult result)
    {
        if (Capacity == 0 || !result.IsValid || result.Exception is not null || result.SecurityToken is not { } validated
            || result.ClaimsIdentity is not { } identity || validated.ValidTo == DateTime.MinValue)
        {
            return;
        }

        var usableUntil = new DateTimeOffset(DateTime.SpecifyKind(validated.ValidTo, DateTimeKind.Utc)) + parameters.ClockSkew;
        if (usableUntil <= _clock.GetUtcNow())
        {
            return;
        }

        // A snapshot nobody else holds: the caller's identity is changed afterwards (the kind claim is added to it).
        var entry = new Entry(identity.Clone(), validated, result.Issuer, result.TokenType, KeysOf(parameters), usableUntil);
        _entries.Set(KeyOf(scheme, token), entry, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpiration = usableUntil });
    }

    public void Dispose() => _entries.Dispose();

    /// <summary>The scheme and the SHA-256 of the whole token's UTF-8 bytes (the token itself is not kept).</summary>
    private static string KeyOf(string scheme, string token) =>
        string.Concat(scheme, " ", Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(token))));

    private static SecurityKey[] KeysOf(TokenValidationParameters parameters)
    {
        var keys = new List<SecurityKey>();
        if (parameters.IssuerSigningKey is { } single)
        {
            keys.Add(single);
        }

        if (parameters.IssuerSigningKeys is { } many)
        {
            keys.AddRange(many);
        }

        return [.. keys];
    }

    /// <summary>The same key objects in the same order: a refreshed authority key set (new objects) never matches.</summary>
    private static bool SameKeys(SecurityKey[] cached, TokenValidationParameters parameters)
    {
        var i = 0;
        if (parameters.IssuerSigningKey is { } single)
        {
            if (cached.Length == 0 || !ReferenceEquals(cached[i++], single))
            {
                return false;
            }
        }

        if (parameters.IssuerSigningKeys is { } many)
        {
            foreach (var key in many)
            {
                if (i >= cached.Length || !ReferenceEquals(cached[i++], key))
                {
                    return false;
                }
            }
        }

        return i == cached.Length;
    }

    private sealed record Entry(ClaimsIdentity Identity, SecurityToken Token, string? Issuer, string? TokenType, SecurityKey[] Keys, DateTimeOffset UsableUntil);
}
