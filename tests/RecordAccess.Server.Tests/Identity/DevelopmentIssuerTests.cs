using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using RecordAccess.Identity;
using RecordAccess.Server.Identity;
using RecordAccess.Server.Tests.Infrastructure;
using Xunit;

namespace RecordAccess.Server.Tests.Identity;

public sealed class DevelopmentIssuerTests : IClassFixture<InMemoryHost>
{
    private readonly InMemoryHost _host;

    public DevelopmentIssuerTests(InMemoryHost host) => _host = host;

    [Fact]
    public async Task Jwks_InDevelopment_ServesThePublicSigningKeyOnly()
    {
        using var client = _host.CreateClient();
        using var response = await client.GetAsync(new Uri("/.well-known/jwks.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var key = Assert.Single(document.RootElement.GetProperty("keys").EnumerateArray());
        Assert.Equal("EC", key.GetProperty("kty").GetString());
        Assert.Equal(_host.Tokens.SigningKey.KeyId, key.GetProperty("kid").GetString());
        Assert.False(key.TryGetProperty("d", out _), "the private part must never be served");
    }

    [Theory]
    [InlineData("patient")]
    [InlineData("staff")]
    [InlineData("supplier")]
    public async Task Authenticate_TokenOfEachKind_YieldsThatKindOfCaller(string kind)
    {
        var now = DateTimeOffset.UtcNow;
        var token = kind switch
        {
            "patient" => _host.Tokens.MintPatient("9434765919", now, TimeSpan.FromMinutes(5)),
            "staff" => _host.Tokens.MintStaff("user-1", "A81001", "R8000", now, TimeSpan.FromMinutes(5)),
            _ => _host.Tokens.MintSupplier("emis", ["gate.evaluate"], ["A81001", "A81002"], now, TimeSpan.FromMinutes(5)),
        };

        var caller = await AuthenticateAsync($"Bearer {token}");

        Assert.NotNull(caller);
        Assert.Equal(kind, caller.Kind.ToString().ToLowerInvariant());
    }

    [Fact]
    public async Task Authenticate_TokenNamingAnotherKindsIssuer_CannotClaimAKind()
    {
        // A supplier token whose claims say "patient": the kind comes from the validating issuer, never from claims.
        var now = DateTimeOffset.UtcNow;
        var token = _host.Tokens.Mint("supplier", new Dictionary<string, object> { ["sub"] = "x", ["nhs_number"] = "9434765919", [CallerClaims.Kind] = "patient" }, now, TimeSpan.FromMinutes(5));

        var caller = await AuthenticateAsync($"Bearer {token}");

        Assert.NotNull(caller);
        Assert.Equal(CallerKind.Supplier, caller.Kind);
    }

    [Theory]
    [InlineData("expired")]
    [InlineData("wrong-issuer")]
    [InlineData("wrong-audience")]
    [InlineData("garbage")]
    [InlineData("none")]
    public async Task Authenticate_InvalidToken_YieldsNoCaller(string problem)
    {
        var now = DateTimeOffset.UtcNow;
        var claims = new Dictionary<string, object> { ["sub"] = "u", ["org_code"] = "A81001", ["role_code"] = "R8000" };
        var header = problem switch
        {
            "expired" => $"Bearer {_host.Tokens.Mint("staff", claims, now.AddHours(-2), TimeSpan.FromHours(1))}",
            "wrong-issuer" => $"Bearer {_host.Tokens.Mint("staff", claims, now, TimeSpan.FromMinutes(5), issuer: "https://evil.example/staff")}",
            "wrong-audience" => $"Bearer {_host.Tokens.Mint("staff", claims, now, TimeSpan.FromMinutes(5), audience: "another-service")}",
            "garbage" => "Bearer not.a.token",
            _ => null,
        };

        Assert.Null(await AuthenticateAsync(header));
    }

    private async Task<Caller?> AuthenticateAsync(string? authorization)
    {
        using var scope = _host.Services.CreateScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        if (authorization is not null)
        {
            context.Request.Headers.Authorization = authorization;
        }

        var result = await Microsoft.AspNetCore.Authentication.AuthenticationHttpContextExtensions.AuthenticateAsync(context);
        return result.Succeeded ? Caller.FromPrincipal(result.Principal) : null;
    }
}
