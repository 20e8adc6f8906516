using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;
using RecordAccess.Identity;

namespace RecordAccess.Server.Identity;

/// <summary>Configures the JwtBearer options of one <see cref="IssuerScheme"/>.</summary>
internal static class JwtBearerSetup
{
    /// <summary>How long a fetch of an authority's metadata or keys may take before the call is answered UNAVAILABLE.</summary>
    public static readonly TimeSpan BackchannelTimeout = TimeSpan.FromSeconds(10);

    public static void Configure(JwtBearerOptions o, IssuerScheme scheme)
    {
        o.MapInboundClaims = false;
        o.RequireHttpsMetadata = scheme.RequireHttpsMetadata;

        // A hung authority answers UNAVAILABLE within this, not after HttpClient's 60 s: the caller retries or fails
        // over instead of holding the call (and a supplier's whole batch) open.
        o.BackchannelTimeout = BackchannelTimeout;
        if (scheme.Authority is { } authority)
        {
            o.Authority = authority;
        }

        o.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuers = scheme.Issuers,
            ValidateAudience = true,
            ValidAudience = scheme.Audience,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = TimeSpan.FromSeconds(30),

            // The development scheme knows its one key; a production scheme's keys come only from its authority's metadata.
            IssuerSigningKeys = scheme.DevelopmentKey is { } key ? [key] : [],
            NameClaimType = CallerClaims.Subject,
        };
        o.Events = new JwtBearerEvents
        {
            OnMessageReceived = context => EnsureMetadataAsync(context, scheme),
            OnTokenValidated = context =>
            {
                if (context.Principal is { } principal)
                {
                    AddKind(principal, scheme.Kind);
                }

                return Task.CompletedTask;
            },
            OnAuthenticationFailed = context =>
            {
                // Recorded for GetCaller's message; Fail (not rethrow) also for an unreachable authority.
                TokenFailure.Describe(context.Exception).RecordIn(context.HttpContext);
                context.Fail(context.Exception);
                return Task.CompletedTask;
            },
        };
    }

    /// <summary>
    /// An authority whose metadata cannot be fetched would otherwise surface as "no keys": say UNAVAILABLE instead, so the
    /// caller retries rather than thinking its token is bad. The metadata is cached; this costs nothing once it is loaded.
    /// </summary>
    private static async Task EnsureMetadataAsync(MessageReceivedContext context, IssuerScheme scheme)
    {
        if (scheme.Authority is null || context.Options.ConfigurationManager is not { } manager)
        {
            return;
        }

        try
        {
            await manager.GetConfigurationAsync(context.HttpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or IOException)
        {
            TokenFailure.IssuerUnreachable.RecordIn(context.HttpContext);
            context.Fail(e);
        }
    }

    /// <summary>A token can never name its own kind: drop any such claim it carries, then add the validated one.</summary>
    private static void AddKind(ClaimsPrincipal principal, string kind)
    {
        foreach (var identity in principal.Identities)
        {
            foreach (var forged in identity.FindAll(CallerClaims.Kind).ToList())
            {
                identity.RemoveClaim(forged);
            }
        }

        principal.AddIdentity(new ClaimsIdentity([new Claim(CallerClaims.Kind, kind)]));
    }
}
