using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using RecordAccess.Identity;
using RecordAccess.Identity.Development;
using RecordAccess.Server.Identity;
using RecordAccess.Server.Tests.Infrastructure;
using Xunit;
using static RecordAccess.Server.Tests.Gate.GateCalls;

namespace RecordAccess.Server.Tests.Identity;

/// <summary>The host with a small supplier token cache (16 tokens), so a flood can be seen to stay bounded.</summary>
public sealed class TokenCacheHost : GateHost
{
    public const int CacheSize = 16;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Identity:SupplierTokenCacheSize", CacheSize.ToString(CultureInfo.InvariantCulture));
    }
}

/// <summary>
/// Validated supplier tokens are cached for their lifetime (decision 0104), and the cache never makes a token valid that
/// the validation would refuse: an expired one, one with any byte changed, one that failed, one under other keys.
/// Real signed tokens, real gRPC calls through the real authentication pipeline.
/// </summary>
public sealed class SupplierTokenCacheTests(TokenCacheHost host) : IClassFixture<TokenCacheHost>, IAsyncLifetime
{
    private const int Unauthenticated = 16;
    private readonly HttpClient _client = host.CreateGrpcClient();
    private string _nhs = string.Empty;

    private ValidatedTokenCache Cache => host.Services.GetRequiredService<ValidatedTokenCache>();

    public async Task InitializeAsync()
    {
        if (host.Runtime.State.PracticeCount == 0)
        {
            await host.SeedPracticesAsync();
            await host.RegisterAsync(1);
        }

        _nhs = TestNhs.Make(1);
    }

    public Task DisposeAsync()
    {
        _client.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task CachedToken_ExpiresWhileCached_RefusedOnceExpiryPlusSkewPasses()
    {
        // exp 27 s ago: still inside the 30 s clock skew, so valid for about 3 more seconds.
        var now = DateTimeOffset.UtcNow;
        var issued = now.AddMinutes(-10);
        var token = host.Tokens.MintSupplier("expiring", ["gate.evaluate"], [GateHost.Ods], issued, now.AddSeconds(-27) - issued);
        var usableUntil = DateTimeOffset.FromUnixTimeSeconds(now.AddSeconds(-27).ToUnixTimeSeconds()) + TimeSpan.FromSeconds(30);

        Assert.Equal(0, (await CallAsync(token)).StatusCode);
        Assert.Equal(0, (await CallAsync(token)).StatusCode); // from the cache

        var wait = usableUntil - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(200);
        Assert.True(wait > TimeSpan.Zero, "the test machine was too slow to see the token cached before it expired");
        await Task.Delay(wait);

        var refused = await CallAsync(token);
        Assert.Equal(Unauthenticated, refused.StatusCode);
    }

    [Fact]
    public async Task CachedToken_PayloadChangedSignatureKept_Refused()
    {
        var token = Mint("original");
        Assert.Equal(0, (await CallAsync(token)).StatusCode);

        // The same header and signature over a payload naming another client: a cache keyed by the signature would accept it.
        var parts = token.Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1]));
        Assert.Contains("\"original\"", payload, StringComparison.Ordinal);
        var forged = string.Join('.', parts[0], Base64UrlEncoder.Encode(payload.Replace("\"original\"", "\"forged!!\"", StringComparison.Ordinal)), parts[2]);

        Assert.Equal(Unauthenticated, (await CallAsync(forged)).StatusCode);
        Assert.Equal(0, (await CallAsync(token)).StatusCode);
    }

    [Fact]
    public async Task CachedToken_SignatureByteChanged_Refused()
    {
        var token = Mint("signature");
        Assert.Equal(0, (await CallAsync(token)).StatusCode);

        // A character in the middle of the signature (every bit of it is signature data, unlike the last character's).
        var at = token.LastIndexOf('.') + 20;
        var changed = token[..at] + (token[at] == 'A' ? 'B' : 'A') + token[(at + 1)..];

        Assert.Equal(Unauthenticated, (await CallAsync(changed)).StatusCode);
        Assert.Equal(Unauthenticated, (await CallAsync(changed)).StatusCode);
    }

    [Fact]
    public async Task RefusedToken_AskedAgain_RefusedAgain()
    {
        var now = DateTimeOffset.UtcNow;
        var wrongAudience = "Bearer " + host.Tokens.Mint("supplier", new Dictionary<string, object>
        {
            [CallerClaims.Subject] = "wrong-audience",
            [CallerClaims.ClientId] = "wrong-audience",
            [CallerClaims.Scope] = "gate.evaluate",
            [CallerClaims.Practices] = GateHost.Ods,
        }, now.AddMinutes(-1), TimeSpan.FromHours(1), audience: "someone-else");

        Assert.Equal(Unauthenticated, (await CallAsync(wrongAudience)).StatusCode);
        Assert.Equal(Unauthenticated, (await CallAsync(wrongAudience)).StatusCode);
    }

    [Fact]
    public async Task Flood_ManyDistinctTokens_AllAnsweredCacheBounded()
    {
        for (var i = 0; i < TokenCacheHost.CacheSize * 3; i++)
        {
            Assert.Equal(0, (await CallAsync(Mint($"flood-{i}"))).StatusCode);
            Assert.InRange(Cache.Count, 0, TokenCacheHost.CacheSize);
        }

        Assert.InRange(Cache.Count, 1, TokenCacheHost.CacheSize);
    }

    [Fact]
    public async Task Cache_OtherKeySet_MissThenRefusedUnderAForeignKey()
    {
        // The handler and cache as the host builds them, over a real token of the host's issuer.
        var cache = new ValidatedTokenCache(8, TimeProvider.System);
        var handler = new CachingTokenHandler(cache, "supplier-development");
        var token = Mint("keys")["Bearer ".Length..];
        var issuerKey = host.Services.GetRequiredService<DevelopmentIssuer>().SigningKey;
        var parameters = Parameters(issuerKey);

        Assert.True((await handler.ValidateTokenAsync(token, parameters)).IsValid);
        Assert.Equal(1, cache.Count);
        Assert.NotNull(cache.Find("supplier-development", token, parameters));

        // The same key material as another object (a refreshed key set): not the set it was validated against.
        Assert.Null(cache.Find("supplier-development", token, Parameters(issuerKey, new ECDsaSecurityKey(ECDsa.Create()))));
        Assert.Null(cache.Find("another-scheme", token, parameters));

        // Under a key set without the issuer's key the token is validated in full and refused.
        var foreign = Parameters(new ECDsaSecurityKey(ECDsa.Create()));
        Assert.False((await handler.ValidateTokenAsync(token, foreign)).IsValid);
        Assert.Null(cache.Find("supplier-development", token, foreign));
    }

    private TokenValidationParameters Parameters(params SecurityKey[] keys) => new()
    {
        ValidateIssuer = true,
        ValidIssuer = DevelopmentIssuer.IssuerFor("supplier"),
        ValidateAudience = true,
        ValidAudience = "recordaccess",
        ValidateLifetime = true,
        RequireExpirationTime = true,
        RequireSignedTokens = true,
        ClockSkew = TimeSpan.FromSeconds(30),
        IssuerSigningKeys = keys,
    };

    private string Mint(string clientId) =>
        "Bearer " + host.Tokens.MintSupplier(clientId, ["gate.evaluate"], [GateHost.Ods], DateTimeOffset.UtcNow.AddMinutes(-1), TimeSpan.FromHours(1));

    private Task<RpcResult> CallAsync(string token) =>
        _client.EvaluateAsync(Evaluate(_nhs, Entry("e1")), token.StartsWith("Bearer ", StringComparison.Ordinal) ? token : "Bearer " + token);
}
