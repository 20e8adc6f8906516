using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace RecordAccess.Identity.Development;

/// <summary>
/// DEVELOPMENT ONLY. A local issuer for all three caller kinds: one ES256 signing key kept in a PEM file (created on
/// first use, readable by the owner only), an issuer name per kind, and token minting for the
/// <c>recordaccess token</c> command and the tests. The server accepts its tokens only in the Development
/// environment with <c>Identity:Development:Enabled</c>; production issuers never share this key.
/// </summary>
public sealed class DevelopmentIssuer : IDisposable
{
    /// <summary>The issuers' common base; <c>.invalid</c> so it can never resolve to a real host.</summary>
    public const string IssuerBase = "https://dev-issuer.recordaccess.invalid";

    /// <summary>The audience the service accepts by default.</summary>
    public const string DefaultAudience = "recordaccess";

    private readonly ECDsa _key;

    private DevelopmentIssuer(ECDsa key, string path)
    {
        _key = key;
        KeyPath = path;
        SigningKey = new ECDsaSecurityKey(key) { KeyId = KeyIdOf(key) };
    }

    /// <summary>~/.local/share/recordaccess/development-signing-key.pem (shared by the server and the CLI).</summary>
    public static string DefaultKeyPath => Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create),
        "recordaccess",
        "development-signing-key.pem");

    /// <summary>The key file this issuer signs with.</summary>
    public string KeyPath { get; }

    /// <summary>The signing key (public part used for validation).</summary>
    public SecurityKey SigningKey { get; }

    /// <summary>The issuer name for a caller kind ("patient", "staff", "supplier").</summary>
    public static string IssuerFor(string kind) => $"{IssuerBase}/{kind}";

    /// <summary>Loads the key at <paramref name="path"/> (default <see cref="DefaultKeyPath"/>), creating it if missing.</summary>
    public static DevelopmentIssuer LoadOrCreate(string? path = null)
    {
        path ??= DefaultKeyPath;
        var key = ECDsa.Create();
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            using var fresh = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var pem = fresh.ExportPkcs8PrivateKeyPem();
            var temp = $"{path}.{Environment.ProcessId}.tmp";
            File.WriteAllText(temp, pem);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            // Another process may have created it meanwhile: the first one wins, everyone reads the same key.
            try
            {
                File.Move(temp, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(temp);
            }
        }

        key.ImportFromPem(File.ReadAllText(path));
        return new DevelopmentIssuer(key, path);
    }

    /// <summary>The public key as a JSON Web Key Set document (served at <c>/.well-known/jwks.json</c> in development).</summary>
    public string CreateJwksJson()
    {
        var parameters = _key.ExportParameters(includePrivateParameters: false);
        var key = new Dictionary<string, string>
        {
            ["kty"] = "EC",
            ["crv"] = "P-256",
            ["x"] = Base64UrlEncoder.Encode(parameters.Q.X),
            ["y"] = Base64UrlEncoder.Encode(parameters.Q.Y),
            ["kid"] = SigningKey.KeyId,
            ["use"] = "sig",
            ["alg"] = SecurityAlgorithms.EcdsaSha256,
        };
        return JsonSerializer.Serialize(new Dictionary<string, object> { ["keys"] = new[] { key } });
    }

    /// <summary>Mints a signed token.</summary>
    /// <param name="kind">"patient", "staff" or "supplier": picks the issuer name.</param>
    /// <param name="claims">The token's claims (besides iss, aud, iat, nbf, exp).</param>
    /// <param name="issuedAt">When the token is issued.</param>
    /// <param name="lifetime">How long it is valid.</param>
    /// <param name="audience">The audience; the service's by default.</param>
    /// <param name="issuer">Overrides the issuer name (tests of a wrong issuer).</param>
    public string Mint(string kind, IDictionary<string, object> claims, DateTimeOffset issuedAt, TimeSpan lifetime, string audience = DefaultAudience, string? issuer = null)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer ?? IssuerFor(kind),
            Audience = audience,
            IssuedAt = issuedAt.UtcDateTime,
            NotBefore = issuedAt.UtcDateTime,
            Expires = (issuedAt + lifetime).UtcDateTime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(SigningKey, SecurityAlgorithms.EcdsaSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>An NHS login token for a patient.</summary>
    public string MintPatient(string nhsNumber, DateTimeOffset issuedAt, TimeSpan lifetime, string proofingLevel = "P9") =>
        Mint("patient", new Dictionary<string, object>
        {
            [CallerClaims.Subject] = $"nhslogin-{nhsNumber}",
            [CallerClaims.NhsNumber] = nhsNumber,
            [CallerClaims.IdentityProofingLevel] = proofingLevel,
        }, issuedAt, lifetime);

    /// <summary>A CIS2 token for a staff member acting for a practice in a role.</summary>
    public string MintStaff(string userId, string ods, string role, DateTimeOffset issuedAt, TimeSpan lifetime) =>
        Mint("staff", new Dictionary<string, object>
        {
            [CallerClaims.Subject] = userId,
            [CallerClaims.OrgCode] = ods,
            [CallerClaims.RoleCode] = role,
        }, issuedAt, lifetime);

    /// <summary>A client-credentials token for a supplier with scopes and served practices.</summary>
    public string MintSupplier(string clientId, IEnumerable<string> scopes, IEnumerable<string> practices, DateTimeOffset issuedAt, TimeSpan lifetime) =>
        Mint("supplier", new Dictionary<string, object>
        {
            [CallerClaims.Subject] = clientId,
            [CallerClaims.ClientId] = clientId,
            [CallerClaims.Scope] = string.Join(' ', scopes),
            [CallerClaims.Practices] = string.Join(' ', practices),
        }, issuedAt, lifetime);

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();

    private static string KeyIdOf(ECDsa key) =>
        Base64UrlEncoder.Encode(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16];
}
