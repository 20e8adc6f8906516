using RecordAccess.Identity.Development;

namespace RecordAccess.Server.Identity.Development;

/// <summary>Serves the development issuer's public key at <c>/.well-known/jwks.json</c>, only when it is enabled (Development only).</summary>
internal static class DevelopmentIssuerEndpoints
{
    public static WebApplication MapDevelopmentIssuer(this WebApplication app)
    {
        if (app.Services.GetService<DevelopmentIssuer>() is { } issuer)
        {
            var jwks = issuer.CreateJwksJson();
            app.MapGet("/.well-known/jwks.json", () => Results.Text(jwks, "application/json"));
        }

        return app;
    }
}
