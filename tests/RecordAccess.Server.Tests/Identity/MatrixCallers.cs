using RecordAccess.Identity.Development;

namespace RecordAccess.Server.Tests.Identity;

/// <summary>The callers of the authorisation matrix, each with a real token of the development issuer (or none).</summary>
internal static class MatrixCallers
{
    /// <summary>A practice none of the matrix's targets is.</summary>
    private const string Other = "Y99999";

    /// <summary>Callers whose token is not accepted at all: UNAUTHENTICATED.</summary>
    public static readonly string[] Unauthenticated = ["no token", "expired", "wrong issuer", "wrong audience"];

    /// <summary>Every caller that must be refused; those not in <see cref="Unauthenticated"/> get PERMISSION_DENIED.</summary>
    public static readonly string[] Refused = [.. Unauthenticated, "patient", "staff of another practice", "supplier without the scope", "supplier not serving the practice"];

    public static string? Token(DevelopmentIssuer tokens, string caller, MatrixTarget target, string scope)
    {
        var now = DateTimeOffset.UtcNow;
        var life = TimeSpan.FromMinutes(5);
        var staff = new Dictionary<string, object> { ["sub"] = "matrix-staff", ["org_code"] = target.Ods, ["role_code"] = "R8000" };
        var otherScope = scope == "gate.admin" ? "gate.evaluate" : "gate.admin";
        return caller switch
        {
            "no token" => null,
            "expired" => tokens.Mint("staff", staff, now.AddHours(-2), TimeSpan.FromHours(1)),
            "wrong issuer" => tokens.Mint("staff", staff, now, life, issuer: "https://evil.example/staff"),
            "wrong audience" => tokens.Mint("staff", staff, now, life, audience: "another-service"),
            "patient" => tokens.MintPatient(target.Nhs, now, life),
            "staff of another practice" => tokens.MintStaff("matrix-staff", Other, "R8000", now, life),
            "supplier without the scope" => tokens.MintSupplier("matrix-supplier", [otherScope], [target.Ods], now, life),
            "supplier not serving the practice" => tokens.MintSupplier("matrix-supplier", ["gate.evaluate", "gate.admin"], [Other], now, life),
            "staff of the practice" => tokens.MintStaff("matrix-staff", target.Ods, "R8000", now, life),
            "supplier with the scope serving the practice" => tokens.MintSupplier("matrix-supplier", [scope], [target.Ods], now, life),
            _ => throw new ArgumentOutOfRangeException(nameof(caller), caller, null),
        };
    }
}
