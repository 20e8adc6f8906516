using RecordAccess.Core.Engine;
using RecordAccess.Core.Policy.Events;

namespace RecordAccess.Core.Policy.Admin;

/// <summary>Changes to one patient: codes, restriction, safeguarding flags.</summary>
public sealed partial class PolicyAdmin
{
    /// <summary>Records one access code (103, 104 or 106) for one patient. The same code with the same effective date again is <see cref="AdminResult.Unchanged"/>, as in <see cref="BatchCodeAsync"/>.</summary>
    /// <param name="context">Who and why.</param>
    /// <param name="nhsNumber">The patient.</param>
    /// <param name="code">The SNOMED CT concept id.</param>
    /// <param name="effectiveDate">The code's effective date, <c>YYYY-MM-DD</c>, from 1900-01-01 to today.</param>
    /// <param name="idempotencyKey">Optional (1–128 characters): a repeat with the same key and content answers the original outcome with <see cref="AdminResult.Replayed"/>; other content under the key is refused.</param>
    /// <param name="cancellationToken">Cancels the change before it commits.</param>
    public Task<AdminResult> RecordPatientCodeAsync(ChangeContext context, string? nhsNumber, string? code, string? effectiveDate, string? idempotencyKey, CancellationToken cancellationToken = default)
    {
        var problems = new List<InputProblem>();
        var concept = AdminChecks.AccessCode(code, "code", problems);
        var date = AdminChecks.PastDate(effectiveDate, "effectiveDate", Today, problems);
        return PatientChangeAsync(context, nhsNumber, problems, new Write(nameof(PatientCodeRecorded), idempotencyKey, concept, Day(date)), (nhs, p) =>
            p.Codes.Any(c => c.Code == concept && c.EffectiveDate.Value == date)
                ? NoChange.Instance
                : new PatientCodeRecorded(nhs, concept!, date!.Value), cancellationToken);
    }

    /// <summary>Restricts a patient (risk of serious harm); no grant overrides it. An already restricted patient is <see cref="AdminResult.Unchanged"/>.</summary>
    /// <param name="context">Who and why.</param>
    /// <param name="nhsNumber">The patient.</param>
    /// <param name="idempotencyKey">Optional (1–128 characters): a repeat with the same key and content answers the original outcome with <see cref="AdminResult.Replayed"/>; other content under the key is refused.</param>
    /// <param name="cancellationToken">Cancels the change before it commits.</param>
    public Task<AdminResult> RestrictPatientAsync(ChangeContext context, string? nhsNumber, string? idempotencyKey, CancellationToken cancellationToken = default) =>
        PatientChangeAsync(context, nhsNumber, [], new Write(nameof(PatientRestricted), idempotencyKey), (nhs, p) =>
            p.Restricted ? NoChange.Instance : new PatientRestricted(nhs), cancellationToken);

    /// <summary>Lifts a patient's restriction (staff need a clinical role, <see cref="StaffRoles"/>). A patient who is not restricted is refused (<see cref="AdminRejection.StateConflict"/>, decision A7).</summary>
    /// <param name="context">Who and why.</param>
    /// <param name="nhsNumber">The patient.</param>
    /// <param name="idempotencyKey">Optional (1–128 characters): a repeat with the same key and content answers the original outcome with <see cref="AdminResult.Replayed"/>; other content under the key is refused.</param>
    /// <param name="cancellationToken">Cancels the change before it commits.</param>
    public Task<AdminResult> LiftRestrictionAsync(ChangeContext context, string? nhsNumber, string? idempotencyKey, CancellationToken cancellationToken = default) =>
        PatientChangeAsync(context, nhsNumber, [], new Write(nameof(PatientRestrictionLifted), idempotencyKey), (nhs, p) =>
            !p.Restricted ? Conflict("nhsNumber", "the patient is not restricted") : new PatientRestrictionLifted(nhs), cancellationToken, "lifting a restriction");

    /// <summary>Raises a safeguarding flag; no grant overrides it. A flag id already active is <see cref="AdminResult.Unchanged"/>.</summary>
    /// <param name="context">Who and why.</param>
    /// <param name="nhsNumber">The patient.</param>
    /// <param name="flagId">The flag's id (unique among the patient's active flags).</param>
    /// <param name="idempotencyKey">Optional (1–128 characters): a repeat with the same key and content answers the original outcome with <see cref="AdminResult.Replayed"/>; other content under the key is refused.</param>
    /// <param name="cancellationToken">Cancels the change before it commits.</param>
    public Task<AdminResult> RaiseSafeguardingFlagAsync(ChangeContext context, string? nhsNumber, string? flagId, string? idempotencyKey, CancellationToken cancellationToken = default)
    {
        var problems = new List<InputProblem>();
        var id = AdminChecks.Id(flagId, "flagId", problems);
        return PatientChangeAsync(context, nhsNumber, problems, new Write(nameof(SafeguardingFlagRaised), idempotencyKey, id), (nhs, p) =>
            p.SafeguardingFlags.Contains(id!) ? NoChange.Instance : new SafeguardingFlagRaised(nhs, id!), cancellationToken);
    }

    /// <summary>Resolves an active safeguarding flag (staff need a clinical role, <see cref="StaffRoles"/>). An id that is not active is refused (<see cref="AdminRejection.StateConflict"/>, decision A7).</summary>
    /// <param name="context">Who and why.</param>
    /// <param name="nhsNumber">The patient.</param>
    /// <param name="flagId">The flag's id.</param>
    /// <param name="idempotencyKey">Optional (1–128 characters): a repeat with the same key and content answers the original outcome with <see cref="AdminResult.Replayed"/>; other content under the key is refused.</param>
    /// <param name="cancellationToken">Cancels the change before it commits.</param>
    public Task<AdminResult> ResolveSafeguardingFlagAsync(ChangeContext context, string? nhsNumber, string? flagId, string? idempotencyKey, CancellationToken cancellationToken = default)
    {
        var problems = new List<InputProblem>();
        var id = AdminChecks.Id(flagId, "flagId", problems);
        return PatientChangeAsync(context, nhsNumber, problems, new Write(nameof(SafeguardingFlagResolved), idempotencyKey, id), (nhs, p) =>
            !p.SafeguardingFlags.Contains(id!) ? Conflict("flagId", "the patient has no active flag with this id") : new SafeguardingFlagResolved(nhs, id!), cancellationToken, "lifting a safeguarding flag");
    }
}
