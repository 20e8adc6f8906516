using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using RecordAccess.Identity.Development;

namespace RecordAccess.Server.Identity;

/// <summary>
/// JWT bearer validation of the three caller kinds: one scheme per issuer, chosen by the token's issuer, so a token
/// is only ever validated against the keys of the issuer it names. The validated kind is added as a claim by the
/// service (<see cref="RecordAccess.Identity.CallerClaims.Kind"/>), never taken from the token.
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
                throw new InvalidOperationException(
                    $"Identity:Development:Enabled is allowed only in the Development environment (this is '{environment.EnvironmentName}'): "
                    + "the development issuer's key must never vouch for callers of a real service.");
            }

            development = DevelopmentIssuer.LoadOrCreate(options.Development.KeyPath);
            services.AddSingleton(development);
        }

        var schemes = SchemesOf(options, development);
        var schemeByIssuer = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var scheme in schemes)
        {
            foreach (var issuer in scheme.Issuers)
            {
                if (!schemeByIssuer.TryAdd(issuer, scheme.Name))
                {
                    throw new InvalidOperationException($"Identity: the issuer '{issuer}' is configured for more than one caller kind.");
                }
            }
        }

        var selector = new BearerSchemeSelector(schemeByIssuer);
        var builder = services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Bearer token of any accepted issuer", o => o.ForwardDefaultSelector = selector.Select)
            .AddScheme<AuthenticationSchemeOptions, UnacceptedTokenHandler>(BearerSchemeSelector.Unaccepted, null);
        if (options.SupplierTokenCacheSize < 0)
        {
            throw new InvalidOperationException("Identity:SupplierTokenCacheSize must be 0 (no cache) or a positive number of tokens.");
        }

        var cacheSize = options.SupplierTokenCacheSize;
        services.AddSingleton(_ => new ValidatedTokenCache(cacheSize, TimeProvider.System));
        foreach (var scheme in schemes)
        {
            builder.AddJwtBearer(scheme.Name, o => JwtBearerSetup.Configure(o, scheme));
            if (scheme.Kind == "supplier")
            {
                // Suppliers call many times with one client-credentials token: validated once, then cached (decision 0104).
                services.AddOptions<JwtBearerOptions>(scheme.Name).Configure<ValidatedTokenCache>((o, cache) =>
                {
                    o.TokenHandlers.Clear();
                    o.TokenHandlers.Add(new CachingTokenHandler(cache, scheme.Name));
                });
            }
        }

        return services;
    }

    private static List<IssuerScheme> SchemesOf(IdentityOptions options, DevelopmentIssuer? development)
    {
        var schemes = new List<IssuerScheme>();
        foreach (var kind in Kinds)
        {
            var issuer = kind switch { "patient" => options.Patient, "staff" => options.Staff, _ => options.Supplier };
            var audience = issuer.Audience ?? options.Audience;
            if (issuer.Authority is { Length: > 0 } authority)
            {
                var requireHttps = AuthorityCheck.RequireHttps(kind, authority, issuer.AllowHttpMetadataOnLoopback);
                schemes.Add(new IssuerScheme(kind, kind, [issuer.Issuer ?? authority], audience, authority, requireHttps, DevelopmentKey: null));
            }

            if (development is not null)
            {
                schemes.Add(new IssuerScheme($"{kind}-development", kind, [DevelopmentIssuer.IssuerFor(kind)], audience, Authority: null, RequireHttpsMetadata: true, development.SigningKey));
            }
        }

        return schemes;
    }
}
