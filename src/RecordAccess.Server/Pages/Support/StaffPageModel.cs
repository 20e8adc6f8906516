using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecordAccess.Core.Engine;
using RecordAccess.Core.Identifiers;
using RecordAccess.Core.Policy;
using RecordAccess.Core.Policy.Admin;
using RecordAccess.Server.Identity;

namespace RecordAccess.Server.Pages.Support;

/// <summary>The signed-in member of staff (the same <see cref="Caller"/> gRPC and FHIR read) and the page helpers every staff page shares.</summary>
internal abstract class StaffPageModel(StaffDesk desk) : PageModel
{
    protected StaffDesk Desk => desk;

    /// <summary>The caller from the session cookie (the policy guarantees a staff caller).</summary>
    public Caller Me => Caller.FromPrincipal(User) ?? throw new InvalidOperationException("The staff pages need a signed-in member of staff.");

    /// <summary>A message shown once after a change (post, redirect, get).</summary>
    [TempData]
    public string? Notice { get; set; }

    /// <summary>A fresh key for each rendered form: submitting the same form twice applies the change once.</summary>
    public static string NewKey() => Guid.NewGuid().ToString("N");

    /// <summary>The page as a 503 when this server's state may be stale (nothing is shown that could be out of date).</summary>
    protected IActionResult? Unavailable()
    {
        if (desk.Unavailable is null)
        {
            return null;
        }

        return new ContentResult { StatusCode = StatusCodes.Status503ServiceUnavailable, Content = "This server cannot follow the policy log just now; try again shortly.", ContentType = "text/plain" };
    }

    /// <summary>
    /// The patient an opaque handle names, when the caller may act for them; otherwise the page's answer: 503 while the
    /// state may be stale, back to Find for a handle that is not this user's or has expired, and 404 for an unknown,
    /// another practice's or a moved patient alike (one answer, decision 0090).
    /// </summary>
    protected IActionResult? OpenPatient(PatientHandles handles, string? handle, out string nhs, out PatientView patient)
    {
        ArgumentNullException.ThrowIfNull(handles);
        (nhs, patient) = (string.Empty, null!);
        if (Unavailable() is { } unavailable)
        {
            return unavailable;
        }

        if (handles.Read(handle, Me.Id) is not { } read)
        {
            return RedirectToPage("/Patient/Find");
        }

        if (desk.Find(Me, read).Patient is not { } found)
        {
            return NotFound();
        }

        (nhs, patient) = (read, found);
        return null;
    }

    /// <summary>An NHS number as typed (the displayed form <c>943 476 5919</c> accepted), or an inline error under <paramref name="field"/>.</summary>
    protected string? ParseNhs(string? text, string field)
    {
        if (NhsNumber.TryParseDisplayed(text?.Trim(), out var nhs, out var error))
        {
            return nhs.Value;
        }

        ModelState.AddModelError(field, $"Enter a valid NHS number: it {error}");
        return null;
    }

    /// <summary>Shows a refused change: every problem inline or in the summary, and the page's status (403 when not permitted).</summary>
    protected void Refused(IReadOnlyList<InputProblem> problems, AdminRejection rejection, IReadOnlyDictionary<string, string>? fields = null)
    {
        PageProblems.Add(ModelState, problems, fields);
        Response.StatusCode = PageProblems.StatusOf(rejection == AdminRejection.None ? AdminRejection.InvalidInput : rejection);
    }
}
