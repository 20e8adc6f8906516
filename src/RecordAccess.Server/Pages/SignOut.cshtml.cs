using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecordAccess.Server.Identity.StaffSignIn;

namespace RecordAccess.Server.Pages;

/// <summary>Sign-out (POST only, antiforgery-checked): ends the session cookie and shows the signed-out page.</summary>
internal sealed class SignOutModel : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(StaffSchemes.Cookie);
        return LocalRedirect("/signed-out");
    }
}
