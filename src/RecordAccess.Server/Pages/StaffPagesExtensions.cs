using RecordAccess.Server.Identity.StaffSignIn;
using RecordAccess.Server.Pages.Support;

namespace RecordAccess.Server.Pages;

/// <summary>
/// The staff pages: Razor Pages with the NHS design system from <c>wwwroot</c> (vendored from npm, decision 0097),
/// behind the staff sign-in (decision 0095). Every page needs a signed-in member of staff except the sign-in and
/// signed-out pages; every response is <c>Cache-Control: no-store</c>; every form carries an antiforgery token.
/// </summary>
internal static class StaffPagesExtensions
{
    public static IServiceCollection AddStaffPages(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        if (!services.AddStaffSignIn(configuration, environment))
        {
            return services;
        }

        services.AddSingleton<StaffPagesMarker>();
        services.Configure<StaffPagesOptions>(configuration.GetSection("StaffPages"));
        services.AddSingleton<StaffDesk>();
        services.AddSingleton<PatientHandles>();
        services.AddSingleton<PendingBatches>();
        services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/", StaffSchemes.Policy);
            o.Conventions.AllowAnonymousToPage("/Development/SignIn");
            o.Conventions.AllowAnonymousToPage("/SignedOut");
            o.Conventions.AllowAnonymousToPage("/SignInFailed");
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "recordaccess-antiforgery";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        });
        return services;
    }

    public static WebApplication MapStaffPages(this WebApplication app)
    {
        if (app.Services.GetService<StaffPagesMarker>() is null)
        {
            return app;
        }

        app.UseStaticFiles();
        app.Use(async (context, next) =>
        {
            // Patient data is never cached by the browser or a proxy; nor is any other staff page.
            context.Response.OnStarting(() =>
            {
                if (!context.Request.Path.StartsWithSegments("/fhir", StringComparison.OrdinalIgnoreCase) && !(context.Response.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) ?? false)
                    && !context.Request.Path.StartsWithSegments("/nhsuk", StringComparison.OrdinalIgnoreCase) && !context.Request.Path.StartsWithSegments("/assets", StringComparison.OrdinalIgnoreCase))
                {
                    context.Response.Headers.CacheControl = "no-store";
                    context.Response.Headers.Pragma = "no-cache";
                    context.Response.Headers.XContentTypeOptions = "nosniff";
                    context.Response.Headers["Referrer-Policy"] = "no-referrer";
                    context.Response.Headers.XFrameOptions = "DENY";
                }

                return Task.CompletedTask;
            });
            await next(context);
        });
        app.UseAuthorization();
        app.MapRazorPages();
        return app;
    }

    /// <summary>Present when the pages are on (a staff sign-in authority is configured, or the development provider runs).</summary>
    private sealed class StaffPagesMarker;
}
