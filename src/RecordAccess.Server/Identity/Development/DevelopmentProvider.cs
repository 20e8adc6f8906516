using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using RecordAccess.Identity.Development;
using RecordAccess.Server.Identity.StaffSignIn;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace RecordAccess.Server.Identity.Development;

/// <summary>
/// DEVELOPMENT ONLY. An OpenID Connect provider hosted by the service itself on OpenIddict, standing in for NHS CIS2
/// so the pages' real sign-in (authorization code + PKCE) runs end to end locally and in the browser tests. Its
/// sign-in page (<c>/connect/authorize</c>, Pages/Development/SignIn) lets you choose a user, a practice and a
/// national RBAC role. Degraded mode: no OpenIddict stores, one public client checked by the handlers below, codes
/// self-contained and encrypted with a random per-process AES key; ID tokens are signed with the development key (decision 0095).
/// It exists only with <c>Identity:Development:Enabled</c>, which the service refuses outside Development.
/// </summary>
internal static class DevelopmentProvider
{
    public const string AuthorizationPath = "/connect/authorize";
    public const string TokenPath = "/connect/token";
    public const string CallbackPath = "/signin-oidc";

    /// <summary>On when the development issuer is on (Development only, checked by the identity set-up) and staff sign-in names no authority.</summary>
    public static bool IsEnabled(IConfiguration configuration, IHostEnvironment environment, StaffSignInOptions options) =>
        options.Authority is null
        && options.UseDevelopmentProvider
        && configuration.GetValue<bool>("Identity:Development:Enabled")
        && environment.IsDevelopment();

    /// <summary>The provider's issuer: the service's HTTP/1.1 endpoint (<c>Kestrel:Endpoints:Http:Url</c>), where browsers reach it.</summary>
    public static string? AuthorityOf(IConfiguration configuration) =>
        configuration["Identity:StaffSignIn:DevelopmentAuthority"] ?? configuration["Kestrel:Endpoints:Http:Url"]?.TrimEnd('/');

    public static IServiceCollection AddDevelopmentProvider(this IServiceCollection services, string authority, string clientId)
    {
        services.AddOpenIddict().AddServer(o =>
        {
            o.SetIssuer(new Uri(authority + "/"));
            o.SetAuthorizationEndpointUris(AuthorizationPath.TrimStart('/'))
                .SetTokenEndpointUris(TokenPath.TrimStart('/'));
            o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            // A random AES key: codes die with the process (development only); an ephemeral RSA key would cost every host start.
            o.AddEncryptionKey(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)));
            o.DisableAccessTokenEncryption();
            o.SetIdentityTokenLifetime(TimeSpan.FromMinutes(5));
            o.SetAuthorizationCodeLifetime(TimeSpan.FromMinutes(2));
            o.EnableDegradedMode();
            o.UseAspNetCore()
                .EnableAuthorizationEndpointPassthrough()
                .DisableTransportSecurityRequirement();
            o.AddEventHandler<OpenIddictServerEvents.ValidateAuthorizationRequestContext>(b => b.UseInlineHandler(context =>
            {
                if (!string.Equals(context.ClientId, clientId, StringComparison.Ordinal))
                {
                    context.Reject(Errors.InvalidClient, "Unknown client.");
                }
                else if (!IsLoopbackCallback(context.RedirectUri))
                {
                    context.Reject(Errors.InvalidRequest, "The redirect_uri must be a loopback /signin-oidc.");
                }

                return default;
            }));
            o.AddEventHandler<OpenIddictServerEvents.ValidateTokenRequestContext>(b => b.UseInlineHandler(context =>
            {
                if (!string.Equals(context.ClientId, clientId, StringComparison.Ordinal))
                {
                    context.Reject(Errors.InvalidClient, "Unknown client.");
                }

                return default;
            }));
        });

        // ID tokens are signed with the development issuer's key (registered by the identity set-up), so they survive a restart.
        services.AddOptions<OpenIddictServerOptions>().Configure<DevelopmentIssuer>((server, issuer) =>
            server.SigningCredentials.Add(new SigningCredentials(issuer.SigningKey, SecurityAlgorithms.EcdsaSha256)));
        return services;
    }

    private static bool IsLoopbackCallback(string? redirectUri) =>
        Uri.TryCreate(redirectUri, UriKind.Absolute, out var uri)
        && uri.IsLoopback
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.AbsolutePath == CallbackPath;
}
