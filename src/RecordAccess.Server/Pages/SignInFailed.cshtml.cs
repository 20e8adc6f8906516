using Microsoft.AspNetCore.Mvc.RazorPages;

namespace RecordAccess.Server.Pages;

internal sealed class SignInFailedModel : PageModel
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status401Unauthorized;
}
