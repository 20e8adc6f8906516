using Microsoft.AspNetCore.Mvc;
using RecordAccess.Core.Policy.Audit;
using RecordAccess.Core.Safety;
using RecordAccess.Server.Decisions;
using RecordAccess.Server.Pages.Safety;
using RecordAccess.Server.Pages.Support;
using RecordAccess.Server.Policy;
using RecordAccess.Server.Safety;

namespace RecordAccess.Server.Pages.Patient;

/// <summary>
/// "Report a patient safety incident" for one patient (any member of staff of the patient's practice, docs/roles.md):
/// category, harm level, near miss or harm, what happened, when, and the decisions involved picked from the patient's
/// audit trail (newest first, <see cref="PageSize"/> a page; choices on other pages are kept). Recorded by
/// <see cref="IncidentDesk.RecordAsync(Identity.Caller, string, IncidentReport, string?, CancellationToken)"/>, which authorises, replays each decision and stores the replays; the form's
/// key is its idempotency key, so a double submit records once (decision 0123).
/// </summary>
internal sealed class IncidentModel(StaffDesk desk, PatientHandles handles, IncidentDesk incidents, PolicyRuntime runtime, TimeProvider clock) : StaffPageModel(desk)
{
    public const int PageSize = 10;

    public const int MaxDescription = IncidentValidation.MaxDescriptionLength;

    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["category"] = "category", ["harm"] = "harm", ["outcome"] = "outcome", ["description"] = "description",
        ["occurred_at"] = "occurredDate", ["decision_ids"] = "decisionIds", ["entry_ids"] = "entryIds",
    };

    public string Handle { get; private set; } = string.Empty;

    public string Nhs { get; private set; } = string.Empty;

    public string Key { get; private set; } = NewKey();

    public string? Category { get; private set; }

    public string? Harm { get; private set; }

    public string? Outcome { get; private set; }

    public string? Description { get; private set; }

    public string? OccurredDate { get; private set; }

    public string? OccurredTime { get; private set; }

    public string? EntryIds { get; private set; }

    public IReadOnlySet<string> Selected { get; private set; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>This page of the audit trail, newest first.</summary>
    public IReadOnlyList<DecisionAuditRecord> Trail { get; private set; } = [];

    public int TrailPage { get; private set; } = 1;

    public int TrailPages { get; private set; } = 1;

    public int TrailCount { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? h, CancellationToken cancellationToken)
    {
        if (await LoadAsync(h, 1, cancellationToken) is { } other)
        {
            return other;
        }

        var now = clock.GetUtcNow();
        (OccurredDate, OccurredTime) = (SafetyWords.Day(now), SafetyWords.Time(now));
        return Page();
    }

    /// <summary>Sends the report, or (<paramref name="show"/> set) shows another page of the audit trail keeping what was typed.</summary>
    public async Task<IActionResult> OnPostAsync(
        [FromForm] string? h, [FromForm] string? key, [FromForm] string? category, [FromForm] string? harm, [FromForm] string? outcome,
        [FromForm] string? description, [FromForm] string? occurredDate, [FromForm] string? occurredTime, [FromForm] string[]? decisionIds,
        [FromForm] string? entryIds, [FromForm] int? show, CancellationToken cancellationToken)
    {
        if (await LoadAsync(h, show ?? 1, cancellationToken) is { } other)
        {
            return other;
        }

        (Key, Category, Harm, Outcome, Description, OccurredDate, OccurredTime, EntryIds) =
            (string.IsNullOrEmpty(key) ? NewKey() : key, category, harm, outcome, description, occurredDate, occurredTime, entryIds);
        Selected = (decisionIds ?? []).Where(d => Guid.TryParse(d, out _)).ToHashSet(StringComparer.Ordinal);
        if (show is not null)
        {
            return Page();
        }

        var report = Validate(decisionIds ?? []);
        if (report is null)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        var outcomeOf = await incidents.RecordAsync(Me, Nhs, report, Key, cancellationToken);
        switch (outcomeOf)
        {
            case DecisionOutcome<IncidentRecording>.Decided decided:
                Notice = decided.Answer.Replayed ? "Incident recorded (this form had already been sent: recorded once)" : "Incident recorded";
                return Redirect("/safety/incident?id=" + decided.Answer.Incident.Id.ToString("D"));
            case DecisionOutcome<IncidentRecording>.Refused refused:
                var field = Fields.GetValueOrDefault(refused.Refusal.Field, string.Empty);
                ModelState.AddModelError(field, refused.Refusal.Field == "idempotency_key"
                    ? "This form was already sent with a different report: open the form again to report another incident"
                    : field.Length == 0 && refused.Refusal.Kind == RefusalKind.NotEntitled ? "No patient with this NHS number is registered at your practice"
                    : Sentence(refused.Refusal.Field, refused.Refusal.Detail));
                Response.StatusCode = refused.Refusal.Kind == RefusalKind.NotEntitled ? StatusCodes.Status404NotFound
                    : refused.Refusal.Kind == RefusalKind.NotPermitted ? StatusCodes.Status403Forbidden : StatusCodes.Status422UnprocessableEntity;
                return Page();
            case DecisionOutcome<IncidentRecording>.Unavailable:
                ModelState.AddModelError(string.Empty, "The incident could not be recorded just now: nothing was saved. Try again shortly.");
                Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return Page();
            default:
                throw new InvalidOperationException("Unknown outcome.");
        }
    }

    /// <summary>The report the form describes, or null with every problem on the page.</summary>
    private IncidentReport? Validate(string[] decisionIds)
    {
        var categoryOk = Enum.TryParse<IncidentCategory>(Category, out var categoryValue) && Enum.IsDefined(categoryValue);
        if (!categoryOk)
        {
            ModelState.AddModelError("category", "Select what happened");
        }

        var harmOk = Enum.TryParse<HarmLevel>(Harm, out var harmValue) && Enum.IsDefined(harmValue);
        if (!harmOk)
        {
            ModelState.AddModelError("harm", "Select the harm level");
        }

        var outcomeOk = Enum.TryParse<IncidentOutcome>(Outcome, out var outcomeValue) && Enum.IsDefined(outcomeValue);
        if (!outcomeOk)
        {
            ModelState.AddModelError("outcome", "Select whether it was a near miss or reached the patient");
        }
        else if (outcomeValue == IncidentOutcome.NearMiss && harmOk && harmValue != HarmLevel.NoHarm)
        {
            ModelState.AddModelError("harm", "A near miss did not reach the patient: select no harm, or say it reached the patient");
        }

        var text = Description?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            ModelState.AddModelError("description", "Enter what happened");
        }
        else if (text.Length > MaxDescription)
        {
            ModelState.AddModelError("description", $"What happened must be {MaxDescription} characters or fewer");
        }

        var occurred = SafetyWords.ParseUkTime(OccurredDate, OccurredTime);
        if (occurred is null)
        {
            ModelState.AddModelError("occurredDate", "Enter when it happened: the date as YYYY-MM-DD and the time as HH:MM (24-hour, UK time)");
        }
        else if (occurred > clock.GetUtcNow().AddMinutes(1))
        {
            ModelState.AddModelError("occurredDate", "When it happened must be now or in the past");
        }

        var decisions = decisionIds.Select(d => Guid.TryParse(d, out var id) ? id : Guid.Empty).ToList();
        if (decisions.Contains(Guid.Empty))
        {
            ModelState.AddModelError("decisionIds", "Select decisions from the list");
        }

        var entries = (EntryIds ?? string.Empty).Split([',', '\n'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (decisions.Count == 0 && entries.Length == 0)
        {
            ModelState.AddModelError("decisionIds", "Select at least one decision from the audit trail, or enter the entry IDs involved");
        }

        return ModelState.IsValid
            ? new IncidentReport(categoryValue, harmValue, outcomeValue, text, occurred!.Value, [.. decisions.Distinct()], [.. entries.Distinct(StringComparer.Ordinal)])
            : null;
    }

    private async Task<IActionResult?> LoadAsync(string? h, int page, CancellationToken cancellationToken)
    {
        if (OpenPatient(handles, h, out var nhs, out _) is { } refused)
        {
            return refused;
        }

        (Handle, Nhs) = (h!, nhs);
        var all = new List<DecisionAuditRecord>();
        await foreach (var record in runtime.Store.ReadForPatientAsync(nhs, cancellationToken))
        {
            all.Add(record);
        }

        all.Reverse();
        TrailCount = all.Count;
        TrailPages = Math.Max(1, (all.Count + PageSize - 1) / PageSize);
        TrailPage = Math.Clamp(page, 1, TrailPages);
        Trail = [.. all.Skip((TrailPage - 1) * PageSize).Take(PageSize)];
        return null;
    }

    /// <summary>This page of the audit trail as checkboxes: when, who asked, and each entry with its answer (the first few).</summary>
    public RadioGroup TrailGroup()
    {
        const int shownEntries = 6;
        var first = ((TrailPage - 1) * PageSize) + 1;
        var hint = $"Newest first: decisions {first} to {first + Trail.Count - 1} of {TrailCount}. Each shows when it was given, who asked, and the entries with their answers."
            + (Selected.Count > 0 ? $" {Selected.Count} selected." : string.Empty);
        return new RadioGroup("decisionIds", "Pick the decisions from the audit trail", hint, [.. Trail.Select(d => new RadioItem(
            d.DecisionId.ToString("D"),
            $"{ChangeWords.When(d.RecordedAt)}, asked by {d.Caller}, {d.Decisions.Count} {(d.Decisions.Count == 1 ? "entry" : "entries")}",
            string.Join("; ", d.Decisions.Take(shownEntries).Select(x => $"{SafetyWords.Entry(x.EntryId)}: {(x.Visible ? "shown" : ChangeWords.Reason(x.Reason))}"))
                + (d.Decisions.Count > shownEntries ? $"; and {d.Decisions.Count - shownEntries} more" : string.Empty)
                + $". Decision {d.DecisionId:D}, state version {d.StateVersion}, rule set {d.RuleSetVersion}.",
            Selected.Contains(d.DecisionId.ToString("D"))))])
        { Checkboxes = true, Size = "s" };
    }

    /// <summary>A refusal of the desk in staff words: the field as the form names it, then the problem.</summary>
    private static string Sentence(string field, string detail)
    {
        var name = field switch
        {
            "category" => "What happened",
            "harm" => "Harm level",
            "outcome" => "Did it reach the patient",
            "description" => "What happened",
            "occurred_at" => "When it happened",
            "decision_ids" => "Decisions",
            "entry_ids" => "Entry IDs",
            _ => null,
        };
        detail = detail.TrimEnd('.');
        return detail.Length == 0 ? "The incident could not be recorded" : name is null ? char.ToUpperInvariant(detail[0]) + detail[1..] : $"{name}: {detail}";
    }
}
