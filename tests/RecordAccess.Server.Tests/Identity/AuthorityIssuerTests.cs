using RecordAccess.Server.Identity;
using RecordAccess.Server.Tests.Echo;
using RecordAccess.Server.Tests.Infrastructure;
using Xunit;

namespace RecordAccess.Server.Tests.Identity;

/// <summary>
/// A production issuer configured by authority URL, against a real OpenID provider on loopback: its tokens are accepted
/// (keys from its metadata), and the development key cannot vouch for that issuer, nor the provider's key for the development issuer.
/// </summary>
public sealed class AuthorityIssuerTests : IAsyncLifetime, IDisposable
{
    private OpenIdProvider _provider = null!;
    private IdentityHost _host = null!;

    public async Task InitializeAsync()
    {
        _provider = await OpenIdProvider.StartAsync();
        _host = new IdentityHost(new Dictionary<string, string?>
        {
            ["Identity:Staff:Authority"] = _provider.Authority,
            ["Identity:Staff:AllowHttpMetadataOnLoopback"] = "true",
        });
    }

    public async Task DisposeAsync() => await _provider.DisposeAsync();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Call_TokenOfTheAuthority_AcceptedAsStaffWithKeysFromItsMetadata()
    {
        var token = _provider.Keys.Mint("staff", Claims(), DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5), issuer: _provider.Authority);

        var result = await CallAsync(token);

        Assert.True(result.StatusCode == 0, result.ToString());
        Assert.Equal("staff:cis2-user@A81001", Assert.Single(result.Parse(EchoReply.Parser)).Text);
        Assert.True(_provider.MetadataRequests >= 1, "the keys must come from the provider's metadata");
    }

    [Fact]
    public async Task Call_DevelopmentKeyNamingTheAuthority_BadSignature()
    {
        var token = _host.Tokens.Mint("staff", Claims(), DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5), issuer: _provider.Authority);

        var result = await CallAsync(token);

        Assert.Equal(16, result.StatusCode);
        Assert.Equal(TokenFailure.BadSignature.Message, result.StatusMessage);
    }

    [Fact]
    public async Task Call_AuthorityKeyNamingTheDevelopmentIssuer_BadSignature()
    {
        var token = _provider.Keys.MintStaff("cis2-user", "A81001", "R8000", DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));

        var result = await CallAsync(token);

        Assert.Equal(16, result.StatusCode);
        Assert.Equal(TokenFailure.BadSignature.Message, result.StatusMessage);
    }

    [Fact]
    public async Task Call_AuthorityTokenForAnotherAudience_WrongAudience()
    {
        var token = _provider.Keys.Mint("staff", Claims(), DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5), audience: "another-service", issuer: _provider.Authority);

        var result = await CallAsync(token);

        Assert.Equal(TokenFailure.WrongAudience.Message, result.StatusMessage);
    }

    private async Task<RpcResult> CallAsync(string token)
    {
        using var client = _host.CreateGrpcClient();
        return await client.CallAsync(WhoAmIService.Path, new EchoRequest(), ("authorization", $"Bearer {token}"));
    }

    private static Dictionary<string, object> Claims() => new() { ["sub"] = "cis2-user", ["org_code"] = "A81001", ["role_code"] = "R8000" };
}
