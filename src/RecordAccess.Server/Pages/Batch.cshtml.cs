using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using RecordAccess.Core.Policy;
using RecordAccess.Core.Policy.Admin;
using RecordAccess.Server.Pages.Support;

namespace RecordAccess.Server.Pages;

/// <summary>
/// Batch coding: a CSV of NHS numbers, one code, a reason; a dry run of PolicyAdmin.BatchCodeAsync as the preview
/// (patients touched, access lost or gained today, invalid rows line by line); then the same call for real with the
/// form's key as idempotency key. Above <see cref="StaffPagesOptions.DualControlThreshold"/> rows a second member of
/// staff of the practice must approve (decision 0098).
/// </summary>
internal sealed class BatchModel(StaffDesk desk, PendingBatches pending, IOptions<StaffPagesOptions> options, TimeProvider clock) : StaffPageModel(desk)
{
    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["rows"] = "csv", ["code"] = "code", ["effectiveDate"] = "effectiveDate", ["reason"] = "reason",
    };

    public static readonly (string Code, string Name)[] Codes =
    [
        ("1364731000000104", "104: enhanced review indicated"),
        ("1364751000000106", "106: enhanced review not indicated"),
        ("1290331000000103", "103: online access declined by patient"),
    ];

    public string? Csv { get; private set; }

    public string? Code { get; private set; }

    public string? EffectiveDate { get; private set; }

    public string? Reason { get; private set; }

    public BatchCodingResult? Preview { get; private set; }

    public int Threshold => options.Value.DualControlThreshold;

    public int RowCount { get; private set; }

    public IReadOnlyList<PendingBatch> Waiting { get; private set; } = [];

    public IActionResult OnGet()
    {
        EffectiveDate = Desk.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Waiting = pending.Of(Me.Ods!);
        return Unavailable() ?? Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync([FromForm] string? csv, [FromForm] string? code, [FromForm] string? effectiveDate, [FromForm] string? reason, CancellationToken cancellationToken)
    {
        if (Unavailable() is { } unavailable)
        {
            return unavailable;
        }

        (Csv, Code, EffectiveDate, Reason) = (csv, code, effectiveDate, reason);
        Waiting = pending.Of(Me.Ods!);
        var rows = Rows(csv);
        RowCount = rows.Count;
        var result = await Desk.Admin.BatchCodeAsync(new ChangeContext(Me.ToActor(), reason), Batch(rows, code, effectiveDate, dryRun: true, key: null), cancellationToken);
        if (result.Problems.Count > 0)
        {
            Refused(result.Problems, result.Rejection, Fields);
            return Page();
        }

        Preview = result;
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync([FromForm] string? csv, [FromForm] string? code, [FromForm] string? effectiveDate, [FromForm] string? reason, [FromForm] string? key, CancellationToken cancellationToken)
    {
        if (Unavailable() is { } unavailable)
        {
            return unavailable;
        }

        var rows = Rows(csv);
        if (rows.Count > Threshold)
        {
            // Checked now as a dry run, so what waits for approval is a batch that could be applied.
            var check = await Desk.Admin.BatchCodeAsync(new ChangeContext(Me.ToActor(), reason), Batch(rows, code, effectiveDate, dryRun: true, key: null), cancellationToken);
            if (!check.Succeeded)
            {
                (Csv, Code, EffectiveDate, Reason, Preview) = (csv, code, effectiveDate, reason, check);
                Refused(check.Problems, check.Rejection == AdminRejection.None ? AdminRejection.StateConflict : check.Rejection, Fields);
                if (check.Problems.Count == 0)
                {
                    ModelState.AddModelError("csv", "Some rows cannot be applied: correct them and preview again");
                }

                return Page();
            }

            pending.Add(new PendingBatch(key ?? NewKey(), Me.Ods!, code!, effectiveDate!, reason!, [.. rows.Select(r => r.NhsNumber)], Me.Id, Me.Role!, clock.GetUtcNow(), check.PatientsChanged, check.LoseAccessToday, check.GainAccessToday));
            Notice = $"The batch of {rows.Count} patients is waiting for a second member of staff to approve it: nothing has changed yet";
            return RedirectToPage("/Batch");
        }

        var result = await Desk.Admin.BatchCodeAsync(new ChangeContext(Me.ToActor(), reason), Batch(rows, code, effectiveDate, dryRun: false, key), cancellationToken);
        return Done(result, csv, code, effectiveDate, reason);
    }

    public async Task<IActionResult> OnPostApproveAsync([FromForm] string? id, CancellationToken cancellationToken)
    {
        if (Unavailable() is { } unavailable)
        {
            return unavailable;
        }

        Waiting = pending.Of(Me.Ods!);
        var batch = id is null ? null : pending.Find(id);
        if (batch is null || batch.Ods != Me.Ods)
        {
            ModelState.AddModelError(string.Empty, "This batch is no longer waiting for approval: it was applied or withdrawn");
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        if (batch.PreparedBy == Me.Id)
        {
            ModelState.AddModelError(string.Empty, "You prepared this batch: a second member of staff must approve it");
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }

        var rows = batch.NhsNumbers.Select((nhs, i) => new BatchRow(i + 1, nhs)).ToList();
        var reason = $"{batch.Reason} (prepared by {batch.PreparedBy}, {batch.PreparedByRole}; approved by {Me.Id}, {Me.Role})";
        var result = await Desk.Admin.BatchCodeAsync(new ChangeContext(Me.ToActor(), reason), Batch(rows, batch.Code, batch.EffectiveDate, dryRun: false, batch.Id), cancellationToken);
        if (result.Succeeded)
        {
            pending.Remove(batch.Id);
        }

        return Done(result, null, batch.Code, batch.EffectiveDate, batch.Reason);
    }

    private IActionResult Done(BatchCodingResult result, string? csv, string? code, string? effectiveDate, string? reason)
    {
        if (result.Succeeded)
        {
            Notice = result.Replayed
                ? "This batch had already been applied: it was applied once"
                : $"Batch applied: {result.PatientsChanged} patients coded, {result.LoseAccessToday} lose and {result.GainAccessToday} gain access today";
            return RedirectToPage("/Index");
        }

        (Csv, Code, EffectiveDate, Reason, Preview) = (csv, code, effectiveDate, reason, result);
        Waiting = pending.Of(Me.Ods!);
        Refused(result.Problems, result.Rejection == AdminRejection.None ? AdminRejection.StateConflict : result.Rejection, Fields);
        return Page();
    }

    private BatchCoding Batch(List<BatchRow> rows, string? code, string? effectiveDate, bool dryRun, string? key) => new()
    {
        Ods = Me.Ods!, Code = code!, EffectiveDate = effectiveDate!, Rows = rows, DryRun = dryRun, IdempotencyKey = key,
    };

    /// <summary>One NHS number per line (the first cell of a CSV line; a header line without digits is skipped); line numbers as in the file.</summary>
    private static List<BatchRow> Rows(string? csv)
    {
        var rows = new List<BatchRow>();
        var lines = (csv ?? string.Empty).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var cell = lines[i].Split(',')[0].Trim().Trim('"');
            if (cell.Length == 0 || (i == 0 && !cell.Any(char.IsDigit)))
            {
                continue;
            }

            rows.Add(new BatchRow(i + 1, cell));
        }

        return rows;
    }
}
