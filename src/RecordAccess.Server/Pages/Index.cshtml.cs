using Microsoft.AspNetCore.Mvc;
using RecordAccess.Core.Policy;
using RecordAccess.Server.Pages.Support;

namespace RecordAccess.Server.Pages;

internal sealed class IndexModel(StaffDesk desk) : StaffPageModel(desk)
{
    public PracticeOverview? Overview { get; private set; }

    public IReadOnlyList<RecordedEvent> Recent { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Unavailable() is { } unavailable)
        {
            return unavailable;
        }

        Overview = Desk.Overview(Me.Ods!);
        Recent = await Desk.RecentChangesAsync(Me.Ods!, 10, cancellationToken);
        return Page();
    }
}
