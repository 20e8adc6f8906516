using System.Net;
using RecordAccess.Identity.Development;
using RecordAccess.Server.Identity;
using RecordAccess.Server.Tests.Echo;
using RecordAccess.Server.Tests.Infrastructure;
using Xunit;

namespace RecordAccess.Server.Tests.Identity;

/// <summary>The development issuer exists only in Development: elsewhere the server refuses to start with it, and without it its tokens are strangers.</summary>
public sealed class DevelopmentGuardTests
{
    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void Start_DevelopmentIssuerOutsideDevelopment_Refused(string environment)
    {
        using var host = new IdentityHost(new Dictionary<string, string?> { ["environment"] = environment, ["Identity:Development:Enabled"] = "true" });

        var error = Assert.Throws<InvalidOperationException>(() => host.CreateGrpcClient());

        Assert.Contains("Identity:Development:Enabled is allowed only in the Development environment", error.Message, StringComparison.Ordinal);
        Assert.Contains(environment, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_ProductionWithoutDevelopmentIssuer_DevelopmentTokensAreOfAnUnknownIssuerAndNoJwks()
    {
        using var host = new IdentityHost(new Dictionary<string, string?> { ["environment"] = "Production", ["Identity:Development:Enabled"] = "false" });
        using var keys = DevelopmentIssuer.LoadOrCreate(host.SigningKeyPath);
        var token = keys.MintStaff("user-1", "A81001", "R8000", DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));
        using var client = host.CreateGrpcClient();

        var result = await client.CallAsync(WhoAmIService.Path, new EchoRequest(), ("authorization", $"Bearer {token}"));
        using var http = host.CreateClient();
        using var jwks = await http.GetAsync(new Uri("/.well-known/jwks.json", UriKind.Relative));

        Assert.Equal(16, result.StatusCode);
        Assert.Equal(TokenFailure.UnknownIssuer.Message, result.StatusMessage);
        Assert.Equal(HttpStatusCode.NotFound, jwks.StatusCode);
    }

    [Fact]
    public async Task Call_AuthorityUnreachable_UnavailableNotUnauthenticated()
    {
        using var host = new IdentityHost(new Dictionary<string, string?>
        {
            ["Identity:Staff:Authority"] = "http://127.0.0.1:9",
            ["Identity:Staff:AllowHttpMetadataOnLoopback"] = "true",
        });
        using var client = host.CreateGrpcClient();
        using var keys = DevelopmentIssuer.LoadOrCreate(host.SigningKeyPath);
        var token = keys.Mint("staff", new Dictionary<string, object> { ["sub"] = "u" }, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5), issuer: "http://127.0.0.1:9");

        var result = await client.CallAsync(WhoAmIService.Path, new EchoRequest(), ("authorization", $"Bearer {token}"));

        Assert.Equal(14, result.StatusCode);
        Assert.Equal(TokenFailure.IssuerUnreachable.Message, result.StatusMessage);
    }

    [Theory]
    [InlineData("http://idp.example.org", true)]
    [InlineData("http://127.0.0.1:9", false)]
    [InlineData("not a url", false)]
    public void Start_AuthorityWithoutHttps_Refused(string authority, bool allowLoopback)
    {
        using var host = new IdentityHost(new Dictionary<string, string?>
        {
            ["Identity:Staff:Authority"] = authority,
            ["Identity:Staff:AllowHttpMetadataOnLoopback"] = allowLoopback ? "true" : "false",
        });

        var error = Assert.Throws<InvalidOperationException>(() => host.CreateGrpcClient());

        Assert.StartsWith("Identity: the staff authority", error.Message, StringComparison.Ordinal);
    }
}
