using Microsoft.AspNetCore.Mvc;
using RecordAccess.Core.Policy;
using RecordAccess.Core.Policy.Admin;
using RecordAccess.Server.Pages.Support;

namespace RecordAccess.Server.Pages.Patient;

/// <summary>
/// One patient: what the patient sees and, for staff, why; the facts; every change with a reason. Each change is the
/// PolicyAdmin operation gRPC and FHIR call (same checks: own practice, clinical role, reason), with the form's key as
/// the idempotency key, so a double submit applies once.
/// </summary>
internal sealed class IndexModel(StaffDesk desk, PatientHandles handles) : StaffPageModel(desk)
{
    public string Handle { get; private set; } = string.Empty;

    public PatientView? Patient { get; private set; }

    public PatientAnswer? Answer { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? h, CancellationToken cancellationToken) =>
        await LoadAsync(h, cancellationToken) ?? Page();

    public Task<IActionResult> OnPostCodeAsync(string? h, string? key, string? reason, string? code, string? effectiveDate, CancellationToken ct) =>
        ChangeAsync(h, "Code", (admin, c, nhs) => admin.RecordPatientCodeAsync(c, nhs, code, effectiveDate, key, ct), "Code recorded", ct);

    public Task<IActionResult> OnPostRestrictAsync(string? h, string? key, string? reason, CancellationToken ct) =>
        ChangeAsync(h, "Restrict", (admin, c, nhs) => admin.RestrictPatientAsync(c, nhs, key, ct), "Patient restricted: nothing is shown to them online", ct);

    public Task<IActionResult> OnPostLiftRestrictionAsync(string? h, string? key, string? reason, CancellationToken ct) =>
        ChangeAsync(h, "LiftRestriction", (admin, c, nhs) => admin.LiftRestrictionAsync(c, nhs, key, ct), "Restriction lifted", ct);

    public Task<IActionResult> OnPostRaiseFlagAsync(string? h, string? key, string? reason, string? flagId, CancellationToken ct) =>
        ChangeAsync(h, "RaiseFlag", (admin, c, nhs) => admin.RaiseSafeguardingFlagAsync(c, nhs, flagId, key, ct), "Safeguarding flag raised: nothing is shown to the patient online", ct);

    public Task<IActionResult> OnPostLiftFlagAsync(string? h, string? key, string? reason, string? flagId, CancellationToken ct) =>
        ChangeAsync(h, "LiftFlag-" + flagId, (admin, c, nhs) => admin.ResolveSafeguardingFlagAsync(c, nhs, flagId, key, ct), "Safeguarding flag lifted", ct);

    public Task<IActionResult> OnPostGrantAsync(string? h, string? key, string? reason, string? grantDate, CancellationToken ct) =>
        ChangeAsync(h, "Grant", (admin, c, nhs) => admin.GrantIndividualAccessAsync(c, nhs, grantDate, key, ct), "Individual access granted", ct);

    public Task<IActionResult> OnPostRevokeGrantAsync(string? h, string? key, string? reason, CancellationToken ct) =>
        ChangeAsync(h, "RevokeGrant", (admin, c, nhs) => admin.RevokeIndividualAccessAsync(c, nhs, key, ct), "Individual access revoked", ct);

    public Task<IActionResult> OnPostHistoricAsync(string? h, string? key, string? reason, string? fromDate, CancellationToken ct) =>
        ChangeAsync(h, "Historic", (admin, c, nhs) => admin.GrantHistoricAccessAsync(c, nhs, fromDate, key, ct), "Historic access granted", ct);

    public Task<IActionResult> OnPostRevokeHistoricAsync(string? h, string? key, string? reason, CancellationToken ct) =>
        ChangeAsync(h, "RevokeHistoric", (admin, c, nhs) => admin.RevokeHistoricAccessAsync(c, nhs, key, ct), "Historic access revoked", ct);

    public Task<IActionResult> OnPostRedactAsync(string? h, string? key, string? reason, string? entryId, CancellationToken ct) =>
        ChangeAsync(h, "Redact", (admin, c, nhs) => admin.RedactEntryAsync(c, nhs, entryId, key, ct), $"Entry {entryId} redacted", ct);

    public Task<IActionResult> OnPostUnredactAsync(string? h, string? key, string? reason, string? entryId, CancellationToken ct) =>
        ChangeAsync(h, "Unredact-" + entryId, (admin, c, nhs) => admin.UnredactEntryAsync(c, nhs, entryId, key, ct), $"Redaction of entry {entryId} removed", ct);

    public Task<IActionResult> OnPostReleaseAsync(string? h, string? key, string? reason, string? entryId, CancellationToken ct) =>
        ChangeAsync(h, "Release", (admin, c, nhs) => admin.ReleaseEntryAsync(c, nhs, entryId, key, ct), $"Entry {entryId} released", ct);

    public Task<IActionResult> OnPostWithdrawReleaseAsync(string? h, string? key, string? reason, string? entryId, CancellationToken ct) =>
        ChangeAsync(h, "WithdrawRelease-" + entryId, (admin, c, nhs) => admin.WithdrawReleaseAsync(c, nhs, entryId, key, ct), $"Release of entry {entryId} withdrawn", ct);

    private async Task<IActionResult> ChangeAsync(string? h, string form, Func<PolicyAdmin, ChangeContext, string, Task<AdminResult>> change, string done, CancellationToken cancellationToken)
    {
        if (OpenPatient(handles, h, out var nhs, out _) is { } refused)
        {
            return refused;
        }

        var reason = Request.Form["reason"].ToString();
        var result = await change(Desk.Admin, new ChangeContext(Me.ToActor(), reason), nhs);
        if (result.Succeeded)
        {
            Notice = result.Replayed ? $"{done} (this form had already been sent: applied once)" : result.Unchanged ? $"{done}: it was already in force, nothing changed" : done;
            return Redirect("/patient?h=" + Uri.EscapeDataString(h!));
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["reason"] = form + "-reason",
            ["code"] = form + "-code",
            ["effectiveDate"] = form + "-effectiveDate",
            ["flagId"] = form + "-flagId",
            ["grantDate"] = form + "-grantDate",
            ["fromDate"] = form + "-fromDate",
            ["entryId"] = form + "-entryId",
        };
        Refused(result.Problems, result.Rejection, fields);
        var status = Response.StatusCode;
        var loaded = await LoadAsync(h, cancellationToken);
        Response.StatusCode = status;
        return loaded ?? Page();
    }

    private async Task<IActionResult?> LoadAsync(string? h, CancellationToken cancellationToken)
    {
        if (OpenPatient(handles, h, out var nhs, out var patient) is { } refused)
        {
            return refused;
        }

        Handle = h!;
        Patient = patient;
        Answer = await Desk.AnswerAsync(Me, nhs, cancellationToken);
        return null;
    }
}
