using System.Text;
using Microsoft.AspNetCore.Mvc;
using RecordAccess.Core.Safety;
using RecordAccess.Server.Pages.Support;
using RecordAccess.Server.Safety;

namespace RecordAccess.Server.Pages.Safety;

/// <summary>
/// The practice's patient safety page for a period (UK calendar days, both included): incidents, near misses (each
/// with a decision linking to its replay), counts by category and harm and near misses by kind, and the exports (CSV
/// and FHIR) — all from <see cref="IncidentDesk"/> and <see cref="NearMissFinder"/>, the same calls as the admin API,
/// for the signed-in member of staff's own practice only (docs/roles.md).
/// </summary>
internal sealed class IndexModel(StaffDesk desk, IncidentDesk incidents, NearMissFinder nearMisses) : StaffPageModel(desk)
{
    /// <summary>The longest period shown or exported at once.</summary>
    public const int MaxDays = 366;

    public const int DefaultDays = 30;

    public string From { get; private set; } = string.Empty;

    public string To { get; private set; } = string.Empty;

    public IReadOnlyList<Incident> Incidents { get; private set; } = [];

    public IReadOnlyList<NearMiss> NearMisses { get; private set; } = [];

    public SafetyReport? Report { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? from, string? to, CancellationToken cancellationToken)
    {
        if (Unavailable() is { } unavailable)
        {
            return unavailable;
        }

        if (Period(from, to) is not { } period)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        var ods = Me.Ods!;
        Incidents = [.. (await incidents.ListAsync(ods, period.Start, period.End, cancellationToken)).OrderByDescending(i => i.RecordedAt)];
        NearMisses = [.. (await nearMisses.ListAsync(ods, period.Start, period.End, cancellationToken)).OrderByDescending(n => n.OccurredAt)];
        Report = await incidents.ReportAsync(ods, period.Start, period.End, cancellationToken);
        return Page();
    }

    /// <summary>The period's incidents as CSV (<see cref="IncidentDesk.ExportCsv"/>), downloaded.</summary>
    public Task<IActionResult> OnGetCsvAsync(string? from, string? to, CancellationToken cancellationToken) =>
        ExportAsync(from, to, "text/csv; charset=utf-8", "incidents.csv", incidents.ExportCsv, cancellationToken);

    /// <summary>The period's counts as CSV (<see cref="IncidentDesk.ExportSummaryCsv"/>), downloaded.</summary>
    public Task<IActionResult> OnGetSummaryCsvAsync(string? from, string? to, CancellationToken cancellationToken) =>
        ExportAsync(from, to, "text/csv; charset=utf-8", "counts.csv", incidents.ExportSummaryCsv, cancellationToken);

    /// <summary>The period's report as FHIR JSON (<see cref="IncidentDesk.ExportFhir"/>), downloaded.</summary>
    public Task<IActionResult> OnGetFhirAsync(string? from, string? to, CancellationToken cancellationToken) =>
        ExportAsync(from, to, "application/fhir+json; charset=utf-8", "incidents.fhir.json", incidents.ExportFhir, cancellationToken);

    private async Task<IActionResult> ExportAsync(string? from, string? to, string contentType, string suffix, Func<SafetyReport, string> export, CancellationToken cancellationToken)
    {
        if (Unavailable() is { } unavailable)
        {
            return unavailable;
        }

        if (Period(from, to) is not { } period)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        var report = await incidents.ReportAsync(Me.Ods!, period.Start, period.End, cancellationToken);
        var name = $"patient-safety-{Me.Ods}-{From}-to-{To}-{suffix}";
        return File(Encoding.UTF8.GetBytes(export(report)), contentType, name);
    }

    /// <summary>[start of <paramref name="from"/>, start of the day after <paramref name="to"/>) in UK time, or null with the problems on the page.</summary>
    private (DateTimeOffset Start, DateTimeOffset End)? Period(string? from, string? to)
    {
        var today = Desk.Today;
        (From, To) = (from?.Trim() ?? SafetyWords.Day(today.AddDays(-(DefaultDays - 1))), to?.Trim() ?? SafetyWords.Day(today));
        var fromOk = DateOnly.TryParseExact(From, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var first);
        var toOk = DateOnly.TryParseExact(To, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var last);
        if (!fromOk)
        {
            ModelState.AddModelError("from", "Enter the first day as YYYY-MM-DD, for example 2026-11-01");
        }

        if (!toOk)
        {
            ModelState.AddModelError("to", "Enter the last day as YYYY-MM-DD, for example 2026-11-30");
        }

        if (fromOk && toOk && last < first)
        {
            ModelState.AddModelError("to", "The last day must be the same as or after the first day");
        }
        else if (fromOk && toOk && last.DayNumber - first.DayNumber >= MaxDays)
        {
            ModelState.AddModelError("to", $"Choose a period of at most {MaxDays} days");
        }

        return ModelState.IsValid ? (SafetyWords.StartOf(first), SafetyWords.StartOf(last.AddDays(1))) : null;
    }
}
