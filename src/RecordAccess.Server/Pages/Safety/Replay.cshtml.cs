using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecordAccess.Core.Safety;
using RecordAccess.Server.Pages.Support;
using RecordAccess.Server.Safety;

namespace RecordAccess.Server.Pages.Safety;

/// <summary>
/// One audited decision replayed as it was made (<see cref="IncidentDesk.ReplayAsync(Identity.Caller, Guid, CancellationToken)"/>), the page each near miss links
/// to. Only a decision about a patient of the caller's practice is replayed; any other id is the same 404.
/// </summary>
internal sealed class ReplayModel(StaffDesk desk, IncidentDesk incidents) : StaffPageModel(desk)
{
    public Guid DecisionId { get; private set; }

    public IReadOnlyList<DecisionReplay> Replays { get; private set; } = [];

    /// <summary>True when the page answers 404 (an unknown id and another practice's alike): the page says so, nothing else.</summary>
    public bool NotFoundShown { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? id, CancellationToken cancellationToken)
    {
        if (Unavailable() is { } unavailable)
        {
            return unavailable;
        }

        if (!Guid.TryParse(id, out var decisionId))
        {
            return Missing();
        }

        var replays = await incidents.ReplayAsync(Me, decisionId, cancellationToken);
        if (replays.Count == 0)
        {
            return Missing();
        }

        (DecisionId, Replays) = (decisionId, replays);
        return Page();
    }

    private PageResult Missing()
    {
        NotFoundShown = true;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
