using Microsoft.AspNetCore.Mvc.RazorPages;
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

        // A gRPC call (application/grpc*) never passes through the pages' middleware (issue 14: static files and the
        // headers below ran on every supplier call): it is branched off by its content type, before static files, so a
        // gRPC-typed request for a static path is not served a file either. A request routed to a page keeps the
        // headers whatever content type it claims. Authorization stays on the main pipeline: it is what enforces the
        // pages' [Authorize] conventions whatever the content type (and costs nothing for an endpoint without
        // authorization metadata, such as every gRPC method).
        app.UseWhen(context => !IsGrpc(context.Request) || IsPage(context), pages =>
        {
            pages.UseStaticFiles();
            pages.Use(async (context, next) =>
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
        });
        app.UseAuthorization();
        app.MapRazorPages();
        return app;
    }

    /// <summary>A gRPC request: its content type is <c>application/grpc</c> or <c>application/grpc+...</c> (any case).</summary>
    internal static bool IsGrpc(HttpRequest request) =>
        request.ContentType is { } type && type.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase);

    private static bool IsPage(HttpContext context) => context.GetEndpoint()?.Metadata.GetMetadata<PageActionDescriptor>() is not null;

    /// <summary>Present when the pages are on (a staff sign-in authority is configured, or the development provider runs).</summary>
    private sealed class StaffPagesMarker;
}
