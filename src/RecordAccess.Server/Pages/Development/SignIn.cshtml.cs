using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using RecordAccess.Core.Identifiers;
using RecordAccess.Identity;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace RecordAccess.Server.Pages.Development;

/// <summary>
/// DEVELOPMENT ONLY: the development provider's authorization endpoint (passthrough). GET shows the choice of user,
/// practice and role, carrying the OpenID Connect request's parameters as hidden fields; POST (antiforgery-checked by
/// Razor Pages, the request re-validated by OpenIddict) signs in and OpenIddict answers the client with a code.
/// Not found when the development provider is off (it is never on outside Development).
/// </summary>
internal sealed class SignInModel : PageModel
{
    public static readonly (string Code, string Name)[] Roles =
    [
        ("R8000", "Clinical Practitioner Access Role"),
        ("R8003", "Health Professional Access Role"),
        ("R0260", "General Medical Practitioner"),
        ("R8008", "Admin/Clinical Support Access Role"),
        ("R8009", "Receptionist Access Role"),
        ("R8010", "Clerical Access Role"),
    ];

    private static readonly HashSet<string> Own = ["dev_user", "dev_ods", "dev_role", "__RequestVerificationToken"];

    public IReadOnlyList<(string Name, string Value)> Parameters { get; private set; } = [];

    public string UserId { get; private set; } = "555123456789";

    public string Ods { get; private set; } = "A81001";

    public string Role { get; private set; } = "R8000";

    public IActionResult OnGet()
    {
        if (HttpContext.GetOpenIddictServerRequest() is null)
        {
            return NotFound();
        }

        Parameters = [.. Request.Query.Where(p => !Own.Contains(p.Key)).Select(p => (p.Key, p.Value.ToString()))];
        return Page();
    }

    public IActionResult OnPost([FromForm(Name = "dev_user")] string? user, [FromForm(Name = "dev_ods")] string? ods, [FromForm(Name = "dev_role")] string? role)
    {
        var request = HttpContext.GetOpenIddictServerRequest();
        if (request is null)
        {
            return NotFound();
        }

        Parameters = [.. Request.Form.Where(p => !Own.Contains(p.Key)).Select(p => (p.Key, p.Value.ToString()))];
        UserId = user?.Trim() ?? string.Empty;
        Ods = ods?.Trim() ?? string.Empty;
        Role = role ?? string.Empty;
        if (UserId.Length is 0 or > 200)
        {
            ModelState.AddModelError("dev_user", "Enter a user ID (1 to 200 characters)");
        }

        if (!OdsCode.TryParse(Ods, out _, out var odsError))
        {
            ModelState.AddModelError("dev_ods", $"Enter a practice ODS code: it {odsError}");
        }

        if (!Roles.Any(r => r.Code == Role))
        {
            ModelState.AddModelError("dev_role", "Select a role");
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Subject, CallerClaims.RoleCode);
        identity.SetClaim(Claims.Subject, UserId)
            .SetClaim(CallerClaims.OrgCode, Ods)
            .SetClaim(CallerClaims.RoleCode, Role);
        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(static _ => [Destinations.IdentityToken]);
        return SignIn(new ClaimsPrincipal(identity), OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }
}
