using Microsoft.AspNetCore.Mvc;
using RecordAccess.Core.Model;
using RecordAccess.Server.Pages.Support;

namespace RecordAccess.Server.Pages.Patient;

/// <summary>
/// "What will this patient see?": a pasted list of entries is decided by the gate (audited, as a supplier's request
/// would be) and each answer is explained by Core's explainer, with the chain of withheld parents.
/// </summary>
internal sealed class RecordModel(StaffDesk desk, PatientHandles handles) : StaffPageModel(desk)
{
    public const int MaxEntries = 500;

    public string Handle { get; private set; } = string.Empty;

    public string Nhs { get; private set; } = string.Empty;

    public string? Entries { get; private set; }

    public IReadOnlyList<EntryFacts> Parsed { get; private set; } = [];

    public RecordAnswer? Answer { get; private set; }

    public IActionResult OnGet(string? h) => Load(h) ?? Page();

    public async Task<IActionResult> OnPostAsync([FromForm] string? h, [FromForm] string? entries, CancellationToken cancellationToken)
    {
        if (Load(h) is { } other)
        {
            return other;
        }

        Entries = entries;
        var lines = (entries ?? string.Empty).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(l => !l.StartsWith('#')).ToList();
        if (lines.Count == 0)
        {
            ModelState.AddModelError("entries", "Enter at least one entry, one per line");
        }
        else if (lines.Count > MaxEntries)
        {
            ModelState.AddModelError("entries", $"Enter at most {MaxEntries} entries");
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        Parsed = [.. lines.Select(Parse)];
        Answer = await Desk.RecordAsync(Me, Nhs, Parsed, cancellationToken);
        return Page();
    }

    /// <summary>One line: id, recorded date, kind, status, labels (space-separated), parent id, code; the engine judges each value (rule 0).</summary>
    private static EntryFacts Parse(string line)
    {
        var cells = line.Split(',', StringSplitOptions.TrimEntries);
        string Cell(int i) => i < cells.Length ? cells[i] : string.Empty;
        return new EntryFacts
        {
            Id = Cell(0),
            RecordedDate = InputDate.Parse(Cell(1)),
            Kind = WireNames.ParseKind(Cell(2)),
            Status = WireNames.ParseStatus(Cell(3)),
            Labels = Cell(4).Split(' ', StringSplitOptions.RemoveEmptyEntries),
            ParentId = Cell(5).Length == 0 ? null : Cell(5),
            Code = Cell(6).Length == 0 ? null : Cell(6),
        };
    }

    private IActionResult? Load(string? h)
    {
        if (Unavailable() is { } unavailable)
        {
            return unavailable;
        }

        var nhs = handles.Read(h, Me.Id);
        if (nhs is null)
        {
            return RedirectToPage("/Patient/Find");
        }

        var found = Desk.Find(Me, nhs);
        if (found.Patient is null)
        {
            return found.OtherPractice ? Forbid() : NotFound();
        }

        Handle = h!;
        Nhs = nhs;
        return null;
    }
}
