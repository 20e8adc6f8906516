using RecordAccess.Identity.Development;
using RecordAccess.Server.Identity;
using RecordAccess.Server.Tests.Echo;
using RecordAccess.Server.Tests.Infrastructure;
using Xunit;

namespace RecordAccess.Server.Tests.Identity;

/// <summary>Over gRPC: a refused token gets UNAUTHENTICATED with a message that says what was wrong, and never echoes the token.</summary>
public sealed class TokenFailureTests(IdentityHost host) : IClassFixture<IdentityHost>
{
    private static readonly Dictionary<string, object> StaffClaims = new() { ["sub"] = "user-1", ["org_code"] = "A81001", ["role_code"] = "R8000" };

    public static TheoryData<string, string> Problems => new()
    {
        { "none", TokenFailure.Missing.Message },
        { "basic", TokenFailure.NotBearer.Message },
        { "garbage", TokenFailure.Malformed.Message },
        { "no-issuer", TokenFailure.Malformed.Message },
        { "expired", TokenFailure.Expired.Message },
        { "not-yet-valid", TokenFailure.NotYetValid.Message },
        { "wrong-issuer", TokenFailure.UnknownIssuer.Message },
        { "wrong-issuer-and-key", TokenFailure.UnknownIssuer.Message },
        { "wrong-audience", TokenFailure.WrongAudience.Message },
        { "other-key", TokenFailure.BadSignature.Message },
        { "tampered", TokenFailure.BadSignature.Message },
        { "unsigned", TokenFailure.BadSignature.Message },
        { "staff-without-role", TokenFailure.MissingClaims("staff").Message },
        { "patient-without-nhs-number", TokenFailure.MissingClaims("patient").Message },
    };

    [Theory]
    [MemberData(nameof(Problems))]
    public async Task GetCaller_RefusedToken_UnauthenticatedNamingTheProblemWithoutEchoingTheToken(string problem, string message)
    {
        using var other = DevelopmentIssuer.LoadOrCreate(Path.Combine(Path.GetTempPath(), $"recordaccess-test-other-{Guid.NewGuid():N}.pem"));
        var header = Header(problem, other);
        File.Delete(other.KeyPath);
        using var client = host.CreateGrpcClient();

        var result = await client.CallAsync(WhoAmIService.Path, new EchoRequest(), header is null ? [] : [("authorization", header)]);

        Assert.Equal(16, result.StatusCode);
        Assert.Equal(message, result.StatusMessage);
        var token = header?.Split(' ').Last() ?? "-";
        Assert.All(token.Split('.').Where(p => p.Length > 3), part => Assert.DoesNotContain(part, result.StatusMessage!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetCaller_ValidToken_TheCaller()
    {
        using var client = host.CreateGrpcClient();
        var token = host.Tokens.MintStaff("user-1", "A81001", "R8000", DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));

        var result = await client.CallAsync(WhoAmIService.Path, new EchoRequest(), ("authorization", $"Bearer {token}"));

        Assert.Equal(0, result.StatusCode);
        Assert.Equal("staff:user-1@A81001", Assert.Single(result.Parse(EchoReply.Parser)).Text);
    }

    private string? Header(string problem, DevelopmentIssuer other)
    {
        var now = DateTimeOffset.UtcNow;
        var five = TimeSpan.FromMinutes(5);
        var tokens = host.Tokens;
        string Bearer(string token) => $"Bearer {token}";
        return problem switch
        {
            "none" => null,
            "basic" => "Basic dXNlcjpwYXNz",
            "garbage" => "Bearer qwertyuiop.asdfghjkl.zxcvbnm",
            "no-issuer" => Bearer(tokens.Mint("staff", StaffClaims, now, five, issuer: "")),
            "expired" => Bearer(tokens.Mint("staff", StaffClaims, now.AddHours(-2), TimeSpan.FromHours(1))),
            "not-yet-valid" => Bearer(tokens.Mint("staff", StaffClaims, now.AddHours(1), five)),
            "wrong-issuer" => Bearer(tokens.Mint("staff", StaffClaims, now, five, issuer: "https://evil.example/staff")),
            "wrong-issuer-and-key" => Bearer(other.Mint("staff", StaffClaims, now, five, issuer: "https://evil.example/staff")),
            "wrong-audience" => Bearer(tokens.Mint("staff", StaffClaims, now, five, audience: "another-service")),
            "other-key" => Bearer(other.MintStaff("user-1", "A81001", "R8000", now, five)),
            "tampered" => Bearer(Tamper(tokens.MintStaff("user-1", "A81002", "R8000", now, five))),
            "unsigned" => Bearer(string.Join('.', tokens.MintStaff("user-1", "A81001", "R8000", now, five).Split('.')[..2]) + "."),
            "staff-without-role" => Bearer(tokens.Mint("staff", new Dictionary<string, object> { ["sub"] = "u", ["org_code"] = "A81001" }, now, five)),
            _ => Bearer(tokens.Mint("patient", new Dictionary<string, object> { ["sub"] = "p", ["identity_proofing_level"] = "P9" }, now, five)),
        };
    }

    /// <summary>Changes the practice in the payload (A81002 → A81001) and keeps the original signature.</summary>
    private static string Tamper(string token)
    {
        var parts = token.Split('.');
        var payload = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Decode(parts[1]).Replace("A81002", "A81001", StringComparison.Ordinal);
        return $"{parts[0]}.{Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(payload)}.{parts[2]}";
    }
}
