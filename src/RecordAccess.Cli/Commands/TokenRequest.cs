using System.CommandLine;
using System.Globalization;
using RecordAccess.Core.Identifiers;
using RecordAccess.Identity;

namespace RecordAccess.Cli.Commands;

/// <summary>Checks the options of <c>recordaccess token</c> for the chosen kind and builds the token's claims (names from <see cref="CallerClaims"/>).</summary>
internal static class TokenRequest
{
    private static readonly string[] ProofingLevels = ["P0", "P5", "P9"];
    private static readonly string[] Scopes = ["gate.evaluate", "gate.admin"];

    /// <summary>The claims for <paramref name="kind"/>, or null with every problem added to <paramref name="problems"/>.</summary>
    public static Dictionary<string, object>? Claims(ParseResult parse, string kind, Options o, List<string> problems)
    {
        var nhs = parse.GetValue(o.NhsNumber);
        var user = parse.GetValue(o.User);
        var ods = parse.GetValue(o.Ods);
        var role = parse.GetValue(o.Role);
        var client = parse.GetValue(o.ClientId);
        var scopes = parse.GetValue(o.Scope) ?? [];
        var practices = parse.GetValue(o.Practice) ?? [];
        var level = parse.GetValue(o.ProofingLevel)!;
        NotFor(kind, problems, ("patient", "--nhs-number", nhs is not null), ("patient", "--proofing-level", parse.GetResult(o.ProofingLevel) is { Implicit: false }),
            ("staff", "--ods", ods is not null), ("staff", "--role", role is not null),
            ("supplier", "--client-id", client is not null), ("supplier", "--scope", scopes.Length > 0), ("supplier", "--practice", practices.Length > 0));
        if (kind == "supplier" && user is not null)
        {
            problems.Add("--user is for --kind patient or staff (a supplier is named by --client-id)");
        }

        Dictionary<string, object> claims = [];
        switch (kind)
        {
            case "patient":
                if (!NhsNumber.TryParseDisplayed(nhs, out var number, out var error))
                {
                    problems.Add(nhs is null ? "--nhs-number is required for --kind patient" : $"--nhs-number {error}");
                }

                Check(ProofingLevels.Contains(level, StringComparer.Ordinal), $"--proofing-level must be P0, P5 or P9, not '{level}'", problems);
                claims[CallerClaims.Subject] = user ?? $"nhslogin-{number.Value}";
                claims[CallerClaims.NhsNumber] = number.Value ?? "";
                claims[CallerClaims.IdentityProofingLevel] = level;
                break;
            case "staff":
                Check(!string.IsNullOrWhiteSpace(user), "--user is required for --kind staff (the CIS2 user id)", problems);
                Ods("--ods", ods, problems, required: "--ods is required for --kind staff");
                Check(role is not null, "--role is required for --kind staff (e.g. R8000)", problems);
                Check(role is null || (role.Length > 0 && !role.Any(char.IsWhiteSpace)), "--role must be a role code without spaces (e.g. R8000)", problems);
                claims[CallerClaims.Subject] = user ?? "";
                claims[CallerClaims.OrgCode] = ods ?? "";
                claims[CallerClaims.RoleCode] = role ?? "";
                break;
            default:
                Check(!string.IsNullOrWhiteSpace(client), "--client-id is required for --kind supplier", problems);
                foreach (var scope in scopes.Where(s => !Scopes.Contains(s, StringComparer.Ordinal)))
                {
                    problems.Add($"--scope must be gate.evaluate or gate.admin, not '{scope}'");
                }

                foreach (var practice in practices)
                {
                    Ods("--practice", practice, problems, required: "");
                }

                claims[CallerClaims.Subject] = client ?? "";
                claims[CallerClaims.ClientId] = client ?? "";
                claims[CallerClaims.Scope] = string.Join(' ', scopes.Distinct(StringComparer.Ordinal));
                claims[CallerClaims.Practices] = string.Join(' ', practices.Distinct(StringComparer.Ordinal));
                break;
        }

        return problems.Count == 0 ? claims : null;
    }

    /// <summary>Parses 90s, 30m, 8h, 1d or hh:mm:ss; positive, at most 30 days.</summary>
    public static TimeSpan Lifetime(string text, List<string> problems)
    {
        var units = new Dictionary<char, TimeSpan> { ['s'] = TimeSpan.FromSeconds(1), ['m'] = TimeSpan.FromMinutes(1), ['h'] = TimeSpan.FromHours(1), ['d'] = TimeSpan.FromDays(1) };
        TimeSpan? value = text.Length > 1 && units.TryGetValue(text[^1], out var unit) && int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? unit * n
            : TimeSpan.TryParseExact(text, @"hh\:mm\:ss", CultureInfo.InvariantCulture, out var exact) ? exact : null;
        if (value is not { } lifetime || lifetime <= TimeSpan.Zero || lifetime > TimeSpan.FromDays(30))
        {
            problems.Add($"--lifetime must be a positive duration of at most 30 days (90s, 30m, 8h, 1d or hh:mm:ss), not '{text}'");
            return TimeSpan.Zero;
        }

        return lifetime;
    }

    private static void NotFor(string kind, List<string> problems, params (string Kind, string Option, bool Given)[] options)
    {
        foreach (var (owner, option, given) in options.Where(x => x.Given && x.Kind != kind))
        {
            problems.Add($"{option} is for --kind {owner}, not {kind}");
        }
    }

    private static void Ods(string option, string? text, List<string> problems, string required)
    {
        if (!OdsCode.TryParse(text, out _, out var error))
        {
            problems.Add(text is null ? required : $"{option} {text}: {error}");
        }
    }

    private static void Check(bool ok, string problem, List<string> problems)
    {
        if (!ok)
        {
            problems.Add(problem);
        }
    }

    /// <summary>The kind-specific options of the command.</summary>
    internal sealed record Options(
        Option<string?> NhsNumber,
        Option<string> ProofingLevel,
        Option<string?> User,
        Option<string?> Ods,
        Option<string?> Role,
        Option<string?> ClientId,
        Option<string[]> Scope,
        Option<string[]> Practice);
}
