using System.CommandLine;
using System.Security.Cryptography;
using RecordAccess.Identity.Development;

namespace RecordAccess.Cli.Commands;

/// <summary><c>recordaccess token --kind patient|staff|supplier ...</c>: prints a signed DEVELOPMENT token the server accepts in Development.</summary>
internal static class TokenCommand
{
    public static Command Create(Stream stdout, TextWriter stderr, TimeProvider clock)
    {
        var kind = new Option<string>("--kind") { Description = "The caller kind: patient (NHS login), staff (CIS2) or supplier (client credentials).", Required = true };
        kind.AcceptOnlyFromAmong("patient", "staff", "supplier");
        var o = new TokenRequest.Options(
            NhsNumber: new Option<string?>("--nhs-number") { Description = "patient: the NHS number (10 digits; '943 476 5919' accepted)." },
            ProofingLevel: new Option<string>("--proofing-level") { Description = "patient: P0, P5 or P9 (only P9 may see record information).", DefaultValueFactory = _ => "P9" },
            User: new Option<string?>("--user") { Description = "staff: the CIS2 user id (sub); patient: the NHS login subject (default nhslogin-<NHS number>)." },
            Ods: new Option<string?>("--ods") { Description = "staff: the ODS code of the practice the staff member acts for (e.g. A81001)." },
            Role: new Option<string?>("--role") { Description = "staff: the national RBAC role code (e.g. R8000)." },
            ClientId: new Option<string?>("--client-id") { Description = "supplier: the OAuth2 client id (e.g. emis-web)." },
            Scope: new Option<string[]>("--scope") { Description = "supplier: a scope, gate.evaluate or gate.admin (repeatable).", AllowMultipleArgumentsPerToken = false },
            Practice: new Option<string[]>("--practice") { Description = "supplier: the ODS code of a practice it serves (repeatable)." });
        var lifetime = new Option<string>("--lifetime") { Description = "How long the token is valid: 90s, 30m, 8h, 1d or hh:mm:ss (default 1h).", DefaultValueFactory = _ => "1h" };
        var key = new Option<string?>("--key") { Description = $"The development signing key (PEM; created if missing). Default: {DevelopmentIssuer.DefaultKeyPath}, the file the server uses in Development." };
        var audience = new Option<string>("--audience") { Description = "The audience (aud).", DefaultValueFactory = _ => DevelopmentIssuer.DefaultAudience };
        var command = new Command(
            "token",
            "DEVELOPMENT ONLY. Print a signed token of the development issuer, for local runs and tests "
            + "(the server accepts it only in the Development environment with Identity:Development:Enabled).\n"
            + "Example: recordaccess token --kind staff --user dr-jones --ods A81001 --role R8000\n"
            + "Exit codes: 0 printed; 2 bad option (the message names it); 1 the key file could not be read or written.")
        {
            kind, o.NhsNumber, o.ProofingLevel, o.User, o.Ods, o.Role, o.ClientId, o.Scope, o.Practice, lifetime, key, audience,
        };
        command.SetAction(parse => Run(parse, parse.GetValue(kind)!, o, parse.GetValue(lifetime)!, parse.GetValue(key), parse.GetValue(audience)!, stdout, stderr, clock));
        return command;
    }

    private static int Run(ParseResult parse, string kind, TokenRequest.Options o, string lifetimeText, string? keyPath, string audience, Stream stdout, TextWriter stderr, TimeProvider clock)
    {
        var problems = new List<string>();
        var claims = TokenRequest.Claims(parse, kind, o, problems);
        var lifetime = TokenRequest.Lifetime(lifetimeText, problems);
        if (string.IsNullOrWhiteSpace(audience))
        {
            problems.Add("--audience must not be empty");
        }

        if (problems.Count > 0 || claims is null)
        {
            foreach (var problem in problems)
            {
                stderr.WriteLine($"recordaccess token: {problem}");
            }

            return ExitCodes.BadInput;
        }

        var path = keyPath ?? DevelopmentIssuer.DefaultKeyPath;
        var existed = File.Exists(path);
        DevelopmentIssuer issuer;
        try
        {
            issuer = DevelopmentIssuer.LoadOrCreate(path);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            stderr.WriteLine($"recordaccess token: --key {path} is not a PEM private key: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"recordaccess token: cannot read or create the key file {path}: {e.Message}");
            return ExitCodes.Failure;
        }

        using (issuer)
        {
            if (!existed)
            {
                stderr.WriteLine($"recordaccess token: created a new development signing key at {path}");
            }

            var token = issuer.Mint(kind, claims, clock.GetUtcNow(), lifetime, audience);
            using var writer = new StreamWriter(stdout, leaveOpen: true);
            writer.WriteLine(token);
        }

        return ExitCodes.Ok;
    }
}
