using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using RecordAccess.Server.Identity.Development;

namespace RecordAccess.Server.Identity;

/// <summary>
/// JWT bearer validation of the three caller kinds: one scheme per kind, chosen by the token's issuer, so a
/// token is only ever validated against the keys of the issuer it names. The validated kind is added as a
/// claim by the service (<see cref="CallerClaims.Kind"/>), never taken from the token.
/// </summary>
internal static class IdentityServiceCollectionExtensions
{
    public const string Scheme = "Bearer";
    private static readonly string[] Kinds = ["patient", "staff", "supplier"];

    public static IServiceCollection AddRecordAccessIdentity(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = configuration.GetSection("Identity").Get<IdentityOptions>() ?? new IdentityOptions();
        DevelopmentIssuer? development = null;
        if (options.Development.Enabled)
        {
            if (!environment.IsDevelopment())
            {
                throw new InvalidOperationException("Identity:Development:Enabled is allowed only in the Development environment.");
            }

            development = DevelopmentIssuer.LoadOrCreate(options.Development.KeyPath);
            services.AddSingleton(development);
        }

        // The issuer → scheme map is built now, not inside the (lazy) options callbacks, so the selector sees every issuer.
        var issuers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var kind in Kinds)
        {
            foreach (var name in ValidIssuers(kind, IssuerOf(options, kind), development is not null))
            {
                issuers[name] = kind;
            }
        }

        var builder = services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Bearer token of any accepted issuer", o => o.ForwardDefaultSelector = context => SelectScheme(context, issuers));
        foreach (var kind in Kinds)
        {
            builder.AddJwtBearer(kind, o => Configure(o, kind, IssuerOf(options, kind), options, development));
        }

        return services;
    }

    private static IssuerOptions IssuerOf(IdentityOptions options, string kind) =>
        kind switch { "patient" => options.Patient, "staff" => options.Staff, _ => options.Supplier };

    private static List<string> ValidIssuers(string kind, IssuerOptions issuer, bool development)
    {
        var names = new List<string>();
        if (issuer.Authority is { Length: > 0 } authority)
        {
            names.Add(issuer.Issuer ?? authority);
        }

        if (development)
        {
            names.Add(DevelopmentIssuer.IssuerFor(kind));
        }

        return names;
    }

    private static void Configure(JwtBearerOptions o, string kind, IssuerOptions issuer, IdentityOptions options, DevelopmentIssuer? development)
    {
        o.MapInboundClaims = false;
        o.RequireHttpsMetadata = true;
        var validIssuers = ValidIssuers(kind, issuer, development is not null);
        var keys = new List<SecurityKey>();
        if (issuer.Authority is { Length: > 0 } authority)
        {
            o.Authority = authority;
        }

        if (development is not null)
        {
            keys.Add(development.SigningKey);
        }

        o.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuers = validIssuers,
            ValidateAudience = true,
            ValidAudience = issuer.Audience ?? options.Audience,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = TimeSpan.FromSeconds(30),
            IssuerSigningKeys = keys,
            NameClaimType = CallerClaims.Subject,
        };
        o.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                if (context.Principal is { } principal)
                {
                    // A token can never name its own kind: drop any such claim it carries, then add the validated one.
                    foreach (var identity in principal.Identities)
                    {
                        foreach (var forged in identity.FindAll(CallerClaims.Kind).ToList())
                        {
                            identity.RemoveClaim(forged);
                        }
                    }

                    principal.AddIdentity(new ClaimsIdentity([new Claim(CallerClaims.Kind, kind)]));
                }

                return Task.CompletedTask;
            },
        };
    }

    /// <summary>The scheme of the issuer the token names (unvalidated here; its scheme validates it); patient's for anything else, which then fails.</summary>
    private static string SelectScheme(HttpContext context, Dictionary<string, string> issuers)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var handler = new JsonWebTokenHandler();
            var token = header["Bearer ".Length..].Trim();
            if (handler.CanReadToken(token) && IssuerOf(handler, token) is { } issuer && issuers.TryGetValue(issuer, out var kind))
            {
                return kind;
            }
        }

        return Kinds[0];
    }

    private static string? IssuerOf(JsonWebTokenHandler handler, string token)
    {
        try
        {
            return handler.ReadJsonWebToken(token).Issuer;
        }
        catch (ArgumentException)
        {
            return null; // Not a JWT: the patient scheme rejects it.
        }
    }
}
