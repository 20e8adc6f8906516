using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using RecordAccess.Identity.Development;
using Xunit;

namespace RecordAccess.Cli.Tests;

/// <summary><c>recordaccess token</c> as a child process: the printed token verifies against the key's JWKS and carries the claims; bad usage exits 2.</summary>
public sealed class TokenCommandTests : IDisposable
{
    private readonly string _key = Path.Combine(Path.GetTempPath(), $"recordaccess-cli-key-{Guid.NewGuid():N}.pem");

    public void Dispose() => File.Delete(_key);

    [Theory]
    [InlineData("patient", "--nhs-number|943 476 5919|--proofing-level|P5", "nhs_number=9434765919;identity_proofing_level=P5;sub=nhslogin-9434765919")]
    [InlineData("staff", "--user|dr-jones|--ods|A81001|--role|R8000", "sub=dr-jones;org_code=A81001;role_code=R8000")]
    [InlineData("supplier", "--client-id|emis-web|--scope|gate.evaluate|--scope|gate.admin|--practice|A81001|--practice|A81002", "client_id=emis-web;scope=gate.evaluate gate.admin;practices=A81001 A81002")]
    public async Task Token_EachKind_VerifiesAgainstTheJwksAndCarriesTheClaims(string kind, string options, string expected)
    {
        var result = CliProcess.Run(null, ["token", "--kind", kind, "--key", _key, .. options.Split('|')]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        var token = Assert.Single(result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var validated = await ValidateAsync(token, DevelopmentIssuer.IssuerFor(kind), "recordaccess");
        Assert.True(validated.IsValid, validated.Exception?.Message);
        foreach (var pair in expected.Split(';'))
        {
            var (name, value) = (pair[..pair.IndexOf('=', StringComparison.Ordinal)], pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            Assert.Equal(value, validated.Claims[name]);
        }

        Assert.False(validated.Claims.ContainsKey("recordaccess_caller_kind"), "a token never names its own kind");
    }

    [Fact]
    public async Task Token_LifetimeAndAudience_SetExpiryAndAud()
    {
        var result = CliProcess.Run(null, "token", "--kind", "staff", "--user", "u", "--ods", "A81001", "--role", "R8000", "--lifetime", "90s", "--audience", "other", "--key", _key);

        Assert.Equal(0, result.ExitCode);
        var validated = await ValidateAsync(result.Stdout.Trim(), DevelopmentIssuer.IssuerFor("staff"), "other");
        Assert.True(validated.IsValid, validated.Exception?.Message);
        var jwt = (JsonWebToken)validated.SecurityToken;
        Assert.Equal(TimeSpan.FromSeconds(90), jwt.ValidTo - jwt.IssuedAt);
    }

    [Fact]
    public void Token_NoKeyFileYet_CreatesItOwnerOnlyAndSaysSo()
    {
        var result = CliProcess.Run(null, "token", "--kind", "patient", "--nhs-number", "9434765919", "--key", _key);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"created a new development signing key at {_key}", result.Stderr, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_key));
        }
    }

    [Theory]
    [InlineData("--kind|patient", "--nhs-number is required for --kind patient")]
    [InlineData("--kind|patient|--nhs-number|9434765918", "--nhs-number fails the modulus-11 check digit")]
    [InlineData("--kind|patient|--nhs-number|12345", "--nhs-number must be exactly 10 digits")]
    [InlineData("--kind|patient|--nhs-number|9434765919|--proofing-level|P7", "--proofing-level must be P0, P5 or P9, not 'P7'")]
    [InlineData("--kind|staff|--user|u|--ods|a81001|--role|R8000", "--ods a81001: must be an upper-case letter followed by 5 digits")]
    [InlineData("--kind|staff|--user|u|--ods|A81001", "--role is required for --kind staff")]
    [InlineData("--kind|staff|--ods|A81001|--role|R8000", "--user is required for --kind staff")]
    [InlineData("--kind|staff|--user|u|--ods|A81001|--role|R8000|--nhs-number|9434765919", "--nhs-number is for --kind patient, not staff")]
    [InlineData("--kind|supplier", "--client-id is required for --kind supplier")]
    [InlineData("--kind|supplier|--client-id|c|--practice|A8100", "--practice A8100: must be an upper-case letter followed by 5 digits")]
    [InlineData("--kind|supplier|--client-id|c|--scope|gate.everything", "--scope must be gate.evaluate or gate.admin, not 'gate.everything'")]
    [InlineData("--kind|supplier|--client-id|c|--lifetime|0s", "--lifetime must be a positive duration")]
    [InlineData("--kind|supplier|--client-id|c|--lifetime|forever", "--lifetime must be a positive duration")]
    [InlineData("--kind|robot", "robot")]
    [InlineData("--nhs-number|9434765919", "--kind")]
    public void Token_BadUsage_Exit2AndMessageNamesTheOption(string options, string message)
    {
        var result = CliProcess.Run(null, ["token", "--key", _key, .. options.Split('|')]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Token_KeyFileNotAKey_Exit2()
    {
        File.WriteAllText(_key, "not a key");

        var result = CliProcess.Run(null, "token", "--kind", "supplier", "--client-id", "c", "--key", _key);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"--key {_key} is not a PEM private key", result.Stderr, StringComparison.Ordinal);
    }

    /// <summary>Validates as a resource server would: keys from the JWKS document of the same key file, never the private key.</summary>
    private async Task<TokenValidationResult> ValidateAsync(string token, string issuer, string audience)
    {
        using var keys = DevelopmentIssuer.LoadOrCreate(_key);
        var jwks = new JsonWebKeySet(keys.CreateJwksJson());
        return await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = issuer,
            ValidAudience = audience,
            IssuerSigningKeys = jwks.GetSigningKeys(),
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.Zero,
        });
    }
}
