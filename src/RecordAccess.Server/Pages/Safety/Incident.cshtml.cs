using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecordAccess.Core.Safety;
using RecordAccess.Server.Pages.Support;
using RecordAccess.Server.Safety;

namespace RecordAccess.Server.Pages.Safety;

/// <summary>
/// One incident: the report, who recorded it and when, and for each decision involved the replay stored with it
/// (deciding fact in staff words, who recorded that fact and when, whether today would decide differently; a replay
/// that did not reproduce the audited answer as a severe finding). Practice staff of the incident's practice only:
/// any other id, an unknown one and another practice's incident are the same 404 (docs/roles.md).
/// </summary>
internal sealed class IncidentModel(StaffDesk desk, IncidentDesk incidents) : StaffPageModel(desk)
{
    public Incident? Incident { get; private set; }

    public IReadOnlyList<DecisionReplay> Replays { get; private set; } = [];

    /// <summary>True when the page answers 404 (an unknown id and another practice's alike): the page says so, nothing else.</summary>
    public bool NotFoundShown { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? id, CancellationToken cancellationToken)
    {
        if (Unavailable() is { } unavailable)
        {
            return unavailable;
        }

        if (!Guid.TryParse(id, out var incidentId)
            || await incidents.GetAsync(Me, incidentId, cancellationToken) is not { } found
            || found.Incident.Ods != Me.Ods)
        {
            return Missing();
        }

        (Incident, Replays) = (found.Incident, found.Replays);
        return Page();
    }

    private PageResult Missing()
    {
        NotFoundShown = true;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
