using Microsoft.AspNetCore.Mvc.RazorPages;

namespace RecordAccess.Server.Pages;

internal sealed class SignedOutModel : PageModel
{
}
