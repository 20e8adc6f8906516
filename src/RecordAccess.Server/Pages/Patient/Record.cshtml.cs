using System.Text;
using Microsoft.AspNetCore.Mvc;
using RecordAccess.Core.Model;
using RecordAccess.Server.Fhir;
using RecordAccess.Server.Fhir.Mapping;
using RecordAccess.Server.Pages.Support;

namespace RecordAccess.Server.Pages.Patient;

/// <summary>
/// "What will this patient see?": a pasted list of entries is decided by the gate (audited, as a supplier's request
/// would be) and each answer is explained by Core's explainer, with the chain of withheld parents. A FHIR Bundle (pasted
/// or uploaded) is read by the same code as <c>$filter</c> (<see cref="BundleRecord"/>: strict R4 shape, entry plan,
/// parent links settled as $filter settles them); its resources that are not record entries are listed as such, with
/// whether $filter returns them. A Bundle that cannot be read is an error on the form: nothing is decided.
/// </summary>
internal sealed class RecordModel(StaffDesk desk, PatientHandles handles) : StaffPageModel(desk)
{
    public const int MaxEntries = 500;

    public const long MaxBundleBytes = 4 * 1024 * 1024;

    public string Handle { get; private set; } = string.Empty;

    public string Nhs { get; private set; } = string.Empty;

    public string? Entries { get; private set; }

    public IReadOnlyList<EntryFacts> Parsed { get; private set; } = [];

    public RecordAnswer? Answer { get; private set; }

    public string? Bundle { get; private set; }

    /// <summary>For a Bundle: each resource in Bundle order, its type and id, and the index of its answer (null: not a record entry).</summary>
    public IReadOnlyList<BundleRow> BundleRows { get; private set; } = [];

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

    /// <summary>A FHIR Bundle pasted into <c>bundle</c> or uploaded as <c>bundleFile</c> (the file wins when both are given).</summary>
    public async Task<IActionResult> OnPostBundleAsync([FromForm] string? h, [FromForm] string? bundle, IFormFile? bundleFile, CancellationToken cancellationToken)
    {
        if (Load(h) is { } other)
        {
            return other;
        }

        Bundle = bundle;
        byte[] bytes;
        if (bundleFile is { Length: > 0 })
        {
            if (bundleFile.Length > MaxBundleBytes)
            {
                return Invalid($"The file is larger than {MaxBundleBytes / 1024 / 1024} MB");
            }

            using var buffer = new MemoryStream();
            await bundleFile.CopyToAsync(buffer, cancellationToken);
            bytes = buffer.ToArray();
            Bundle = null;
        }
        else if (string.IsNullOrWhiteSpace(bundle))
        {
            return Invalid("Paste a FHIR Bundle (JSON) or choose a file");
        }
        else
        {
            bytes = Encoding.UTF8.GetBytes(bundle);
        }

        var (json, notJson) = FhirBody.Parse(bytes, "Bundle");
        if (notJson is not null)
        {
            return Invalid("The Bundle cannot be read: " + notJson.Message);
        }

        var (read, problem) = BundleRecord.Read(json!);
        if (problem is not null)
        {
            return Invalid($"The Bundle cannot be read ({problem.Expression}): {problem.Message}");
        }

        if (read!.Plan.Entries.Count > MaxEntries)
        {
            return Invalid($"The Bundle has more than {MaxEntries} record entries");
        }

        Parsed = read.Plan.Entries;
        Answer = await Desk.RecordAsync(Me, Nhs, Parsed, cancellationToken, read.Plan.Parents.Settle);
        var answerOf = new int?[read.Items.Count];
        for (var i = 0; i < read.Plan.ItemOfEntry.Length; i++)
        {
            answerOf[read.Plan.ItemOfEntry[i]] = i;
        }

        BundleRows = [.. read.Items.Select((item, i) => new BundleRow(item.Type ?? "?", item.Id ?? string.Empty, answerOf[i], answerOf[i] is null && read.PassesThrough(i)))];
        return Page();
    }

    private Microsoft.AspNetCore.Mvc.RazorPages.PageResult Invalid(string message)
    {
        ModelState.AddModelError("bundle", message);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
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
        if (OpenPatient(handles, h, out var nhs, out _) is { } refused)
        {
            return refused;
        }

        Handle = h!;
        Nhs = nhs;
        return null;
    }
}

/// <summary>One resource of a pasted Bundle: its answer's index, or (not a record entry) whether $filter returns it as sent.</summary>
internal sealed record BundleRow(string Type, string Id, int? Answer, bool PassesThrough);
