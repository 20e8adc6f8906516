using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using RecordAccess.Core.Identifiers;
using RecordAccess.Identity;
using RecordAccess.Server.Identity.Development;

namespace RecordAccess.Server.Identity.StaffSignIn;

/// <summary>
/// Staff sign-in for the pages: an OpenID Connect client (authorization code + PKCE, query response mode) that signs
/// into a session cookie (HttpOnly, SameSite=Lax, Secure outside Development, sliding time-out). The cookie holds
/// exactly the claims <see cref="Caller.FromPrincipal"/> reads for staff (subject, ODS code, role code) and the kind
/// the service adds, so the pages' caller is the same <see cref="Caller"/> gRPC and FHIR use (decision 0095).
/// </summary>
internal static class StaffSignInExtensions
{
    /// <summary>Adds the cookie and OpenID Connect schemes; returns false (nothing added) when no authority is available.</summary>
    public static bool AddStaffSignIn(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = configuration.GetSection("Identity:StaffSignIn").Get<StaffSignInOptions>() ?? new StaffSignInOptions();
        var developmentProvider = DevelopmentProvider.IsEnabled(configuration, environment, options);
        var authority = options.Authority ?? (developmentProvider ? DevelopmentProvider.AuthorityOf(configuration) : null);
        if (authority is null)
        {
            return false;
        }

        var requireHttps = AuthorityCheck.RequireHttps("staff sign-in", authority, options.AllowHttpMetadataOnLoopback || developmentProvider);
        if (developmentProvider)
        {
            services.AddDevelopmentProvider(authority, options.ClientId);
        }

        var secure = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        services.AddAuthentication()
            .AddCookie(StaffSchemes.Cookie, o =>
            {
                o.Cookie.Name = StaffSchemes.CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = secure;
                o.ExpireTimeSpan = options.SessionTimeout;
                o.SlidingExpiration = true;
                o.ForwardChallenge = StaffSchemes.OpenIdConnect;
                o.AccessDeniedPath = "/signed-out";
            })
            .AddOpenIdConnect(StaffSchemes.OpenIdConnect, o =>
            {
                o.Authority = authority;
                o.RequireHttpsMetadata = requireHttps;
                o.ClientId = options.ClientId;
                o.ClientSecret = options.ClientSecret;
                o.ResponseType = OpenIdConnectResponseType.Code;
                o.ResponseMode = OpenIdConnectResponseMode.Query;
                o.UsePkce = true;
                o.Scope.Clear();
                o.Scope.Add("openid");
                foreach (var scope in options.Scopes)
                {
                    o.Scope.Add(scope);
                }

                o.SignInScheme = StaffSchemes.Cookie;
                o.CallbackPath = "/signin-oidc";
                o.MapInboundClaims = false;
                o.SaveTokens = false;
                o.GetClaimsFromUserInfoEndpoint = false;
                o.DisableTelemetry = true;
                o.CorrelationCookie.SameSite = SameSiteMode.Lax;
                o.CorrelationCookie.SecurePolicy = secure;
                o.NonceCookie.SameSite = SameSiteMode.Lax;
                o.NonceCookie.SecurePolicy = secure;
                o.Events.OnTokenValidated = context => ToStaffSession(context, options);
                o.Events.OnRemoteFailure = context =>
                {
                    context.Response.Redirect("/sign-in-failed");
                    context.HandleResponse();
                    return Task.CompletedTask;
                };
            });
        services.AddAuthorizationBuilder().AddPolicy(StaffSchemes.Policy, p => p
            .AddAuthenticationSchemes(StaffSchemes.Cookie)
            .RequireAuthenticatedUser()
            .RequireClaim(CallerClaims.Kind, "staff"));
        return true;
    }

    /// <summary>Keeps only the staff claims the service reads; refuses a sign-in without a valid ODS code and a role.</summary>
    private static Task ToStaffSession(TokenValidatedContext context, StaffSignInOptions options)
    {
        var principal = context.Principal!;
        var subject = principal.FindFirst(CallerClaims.Subject)?.Value;
        var ods = principal.FindFirst(options.OrgClaim)?.Value;
        var role = principal.FindFirst(options.RoleClaim)?.Value;
        if (string.IsNullOrWhiteSpace(subject) || !OdsCode.TryParse(ods, out _, out _) || string.IsNullOrWhiteSpace(role))
        {
            context.Fail("The sign-in did not name a staff member, a practice (ODS code) and a role.");
            return Task.CompletedTask;
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(CallerClaims.Kind, "staff"),
                new Claim(CallerClaims.Subject, subject),
                new Claim(CallerClaims.OrgCode, ods!),
                new Claim(CallerClaims.RoleCode, role),
            ],
            StaffSchemes.Cookie,
            CallerClaims.Subject,
            CallerClaims.RoleCode);
        context.Principal = new ClaimsPrincipal(identity);
        context.Properties!.IsPersistent = false;
        return Task.CompletedTask;
    }
}
