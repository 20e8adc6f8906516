using Microsoft.AspNetCore.Mvc;
using RecordAccess.Core.Policy;
using RecordAccess.Core.Policy.Admin;
using RecordAccess.Server.Pages.Support;

namespace RecordAccess.Server.Pages;

/// <summary>Practice settings with a preview before saving (PolicyAdmin.PreviewPracticeSettings, then SetPracticeSettingsAsync).</summary>
internal sealed class SettingsModel(StaffDesk desk) : StaffPageModel(desk)
{
    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal) { ["switchOnDate"] = "switchOnDate", ["reason"] = "reason" };

    public string? SwitchOnDate { get; private set; }

    public bool OptedOut { get; private set; }

    public string? Reason { get; private set; }

    public PracticeSettingsPreview? Preview { get; private set; }

    public IActionResult OnGet()
    {
        if (Unavailable() is { } unavailable)
        {
            return unavailable;
        }

        var practice = Desk.Admin.State.FindPractice(Me.Ods!);
        SwitchOnDate = practice?.SwitchOnDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        OptedOut = practice?.OptedOut ?? false;
        return Page();
    }

    public IActionResult OnPostPreview([FromForm] string? switchOnDate, [FromForm] string? optedOut, [FromForm] string? reason)
    {
        if (Unavailable() is { } unavailable)
        {
            return unavailable;
        }

        SwitchOnDate = switchOnDate;
        OptedOut = optedOut == "yes";
        Reason = reason;
        if (string.IsNullOrWhiteSpace(reason))
        {
            ModelState.AddModelError("reason", "Enter a reason for the change");
        }

        var preview = Desk.Admin.PreviewPracticeSettings(Me.ToActor(), Me.Ods, switchOnDate, OptedOut);
        if (!preview.Succeeded || !ModelState.IsValid)
        {
            Refused(preview.Problems, preview.Rejection, Fields);
            return Page();
        }

        Preview = preview;
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync([FromForm] string? switchOnDate, [FromForm] string? optedOut, [FromForm] string? reason, [FromForm] string? key, CancellationToken cancellationToken)
    {
        if (Unavailable() is { } unavailable)
        {
            return unavailable;
        }

        var result = await Desk.Admin.SetPracticeSettingsAsync(new ChangeContext(Me.ToActor(), reason), Me.Ods, switchOnDate, optedOut == "yes", key, cancellationToken);
        if (result.Succeeded)
        {
            Notice = result.Unchanged ? "The practice settings were already these: nothing changed" : "Practice settings saved";
            return RedirectToPage("/Index");
        }

        SwitchOnDate = switchOnDate;
        OptedOut = optedOut == "yes";
        Reason = reason;
        Refused(result.Problems, result.Rejection, Fields);
        return Page();
    }
}
