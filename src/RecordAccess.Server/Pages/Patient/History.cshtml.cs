using Microsoft.AspNetCore.Mvc;
using RecordAccess.Core.Explain;
using RecordAccess.Core.Model;
using RecordAccess.Core.Policy;
using RecordAccess.Core.Policy.Audit;
using RecordAccess.Server.Pages.Support;

namespace RecordAccess.Server.Pages.Patient;

/// <summary>
/// History and audit of one patient: every change (who, when, why) and the decisions given, and "why was entry X
/// visible on date D?" answered by replaying the patient's log as of the end of that day and explaining the entry.
/// </summary>
internal sealed class HistoryModel(StaffDesk desk, PatientHandles handles) : StaffPageModel(desk)
{
    public string Handle { get; private set; } = string.Empty;

    public string Nhs { get; private set; } = string.Empty;

    public IReadOnlyList<RecordedEvent> Changes { get; private set; } = [];

    public IReadOnlyList<DecisionAuditRecord> Decisions { get; private set; } = [];

    public string? EntryLine { get; private set; }

    public string? OnDate { get; private set; }

    public EntryExplanation? Replay { get; private set; }

    public long ReplayVersion { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? h, CancellationToken cancellationToken) =>
        await LoadAsync(h, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAsync([FromForm] string? h, [FromForm] string? entry, [FromForm] string? onDate, CancellationToken cancellationToken)
    {
        if (await LoadAsync(h, cancellationToken) is { } other)
        {
            return other;
        }

        (EntryLine, OnDate) = (entry, onDate);
        var date = InputDate.Parse(onDate?.Trim());
        if (!date.IsValid)
        {
            ModelState.AddModelError("onDate", "Enter the date as YYYY-MM-DD, for example 2024-03-03");
        }
        else if (date.Value > Desk.Today)
        {
            ModelState.AddModelError("onDate", "Enter today or a date in the past");
        }

        var cells = (entry ?? string.Empty).Split(',', StringSplitOptions.TrimEntries);
        if (cells.Length < 4 || cells[0].Length == 0)
        {
            ModelState.AddModelError("entry", "Enter the entry as: id, recorded date, kind, status (and labels if any)");
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        var facts = new EntryFacts
        {
            Id = cells[0],
            RecordedDate = InputDate.Parse(cells[1]),
            Kind = WireNames.ParseKind(cells[2]),
            Status = WireNames.ParseStatus(cells[3]),
            Labels = cells.Length > 4 ? cells[4].Split(' ', StringSplitOptions.RemoveEmptyEntries) : [],
        };
        (Replay, ReplayVersion) = await Desk.ReplayAsync(Nhs, date.Value, facts, await Desk.RuleSetAsync(Me, cancellationToken), cancellationToken);
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(string? h, CancellationToken cancellationToken)
    {
        if (OpenPatient(handles, h, out var nhs, out _) is { } refused)
        {
            return refused;
        }

        (Handle, Nhs) = (h!, nhs);
        (Changes, Decisions) = await Desk.HistoryAsync(nhs, cancellationToken);
        return null;
    }
}
