using Microsoft.AspNetCore.Mvc;
using RecordAccess.Server.Pages.Support;

namespace RecordAccess.Server.Pages.Patient;

/// <summary>Finds a patient of the caller's practice by NHS number, sent by POST; the patient page is reached by an opaque handle.</summary>
internal sealed class FindModel(StaffDesk desk, PatientHandles handles) : StaffPageModel(desk)
{
    public string? Typed { get; private set; }

    public IActionResult OnPost([FromForm] string? nhsNumber)
    {
        if (Unavailable() is { } unavailable)
        {
            return unavailable;
        }

        Typed = nhsNumber;
        var nhs = ParseNhs(nhsNumber, "nhsNumber");
        if (nhs is null)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        // An unknown patient and another practice's patient get the same answer, naming no practice (decision 0090).
        var found = Desk.Find(Me, nhs);
        if (found.Patient is null)
        {
            ModelState.AddModelError("nhsNumber", "No patient with this NHS number is registered at your practice");
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        return Redirect("/patient?h=" + Uri.EscapeDataString(handles.Create(nhs, Me.Id)));
    }
}
