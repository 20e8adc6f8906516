using RecordAccess.Core.Engine;
using RecordAccess.Core.Policy.Events;

namespace RecordAccess.Core.Policy.Admin;

/// <summary>Changes to one patient's access: the individual grant, start date and historic access.</summary>
public sealed partial class PolicyAdmin
{
    /// <summary>Grants access individually (overrides opt-out, 103 and 104 dated before the grant). A grant of the same date is <see cref="AdminResult.Unchanged"/>; while a grant of another date exists the call is refused naming it (revoke it first, decision A8).</summary>
    /// <param name="context">Who and why.</param>
    /// <param name="nhsNumber">The patient.</param>
    /// <param name="grantDate">The grant's date, <c>YYYY-MM-DD</c>, from 1900-01-01 to today.</param>
    /// <param name="idempotencyKey">Optional (1–128 characters): a repeat with the same key and content answers the original outcome with <see cref="AdminResult.Replayed"/>; other content under the key is refused.</param>
    /// <param name="cancellationToken">Cancels the change before it commits.</param>
    public Task<AdminResult> GrantIndividualAccessAsync(ChangeContext context, string? nhsNumber, string? grantDate, string? idempotencyKey, CancellationToken cancellationToken = default)
    {
        var problems = new List<InputProblem>();
        var date = AdminChecks.PastDate(grantDate, "grantDate", Today, problems);
        return PatientChangeAsync(context, nhsNumber, problems, new Write(nameof(IndividualGrantGiven), idempotencyKey, Day(date)), (nhs, p) => p.IndividualGrantDate switch
        {
            null => new IndividualGrantGiven(nhs, date!.Value),
            var existing when existing == date => NoChange.Instance,
            var existing => Conflict("grantDate", $"the patient already has an individual grant dated {Day(existing)}; revoke it before giving one of another date"),
        }, cancellationToken);
    }

    /// <summary>Revokes the individual grant. A patient without a grant is refused (<see cref="AdminRejection.StateConflict"/>, decision A7).</summary>
    /// <param name="context">Who and why.</param>
    /// <param name="nhsNumber">The patient.</param>
    /// <param name="idempotencyKey">Optional (1–128 characters): a repeat with the same key and content answers the original outcome with <see cref="AdminResult.Replayed"/>; other content under the key is refused.</param>
    /// <param name="cancellationToken">Cancels the change before it commits.</param>
    public Task<AdminResult> RevokeIndividualAccessAsync(ChangeContext context, string? nhsNumber, string? idempotencyKey, CancellationToken cancellationToken = default) =>
        PatientChangeAsync(context, nhsNumber, [], new Write(nameof(IndividualGrantRevoked), idempotencyKey), (nhs, p) =>
            p.IndividualGrantDate is null ? Conflict("nhsNumber", "the patient has no individual grant") : new IndividualGrantRevoked(nhs), cancellationToken);

    /// <summary>Sets (or replaces) the individual access start date. The same date again is <see cref="AdminResult.Unchanged"/>.</summary>
    /// <param name="context">Who and why.</param>
    /// <param name="nhsNumber">The patient.</param>
    /// <param name="startDate">The start date, <c>YYYY-MM-DD</c>, from 1900-01-01 to today + 366 days.</param>
    /// <param name="idempotencyKey">Optional (1–128 characters): a repeat with the same key and content answers the original outcome with <see cref="AdminResult.Replayed"/>; other content under the key is refused.</param>
    /// <param name="cancellationToken">Cancels the change before it commits.</param>
    public Task<AdminResult> SetIndividualStartDateAsync(ChangeContext context, string? nhsNumber, string? startDate, string? idempotencyKey, CancellationToken cancellationToken = default)
    {
        var problems = new List<InputProblem>();
        var date = AdminChecks.ScheduledDate(startDate, "startDate", Today, problems);
        return PatientChangeAsync(context, nhsNumber, problems, new Write(nameof(IndividualStartDateSet), idempotencyKey, Day(date)), (nhs, p) =>
            p.IndividualStartDate == date ? NoChange.Instance : new IndividualStartDateSet(nhs, date!.Value), cancellationToken);
    }

    /// <summary>Removes the individual access start date. A patient without one is refused (<see cref="AdminRejection.StateConflict"/>, decision A7).</summary>
    /// <param name="context">Who and why.</param>
    /// <param name="nhsNumber">The patient.</param>
    /// <param name="idempotencyKey">Optional (1–128 characters): a repeat with the same key and content answers the original outcome with <see cref="AdminResult.Replayed"/>; other content under the key is refused.</param>
    /// <param name="cancellationToken">Cancels the change before it commits.</param>
    public Task<AdminResult> RemoveIndividualStartDateAsync(ChangeContext context, string? nhsNumber, string? idempotencyKey, CancellationToken cancellationToken = default) =>
        PatientChangeAsync(context, nhsNumber, [], new Write(nameof(IndividualStartDateRemoved), idempotencyKey), (nhs, p) =>
            p.IndividualStartDate is null ? Conflict("nhsNumber", "the patient has no individual start date") : new IndividualStartDateRemoved(nhs), cancellationToken);

    /// <summary>Grants access to historic entries recorded on or after a date. The same date is <see cref="AdminResult.Unchanged"/>; while historic access from another date exists the call is refused naming it (revoke it first, decision A8).</summary>
    /// <param name="context">Who and why.</param>
    /// <param name="nhsNumber">The patient.</param>
    /// <param name="fromDate">The first covered date, <c>YYYY-MM-DD</c>, from 1900-01-01 to today.</param>
    /// <param name="idempotencyKey">Optional (1–128 characters): a repeat with the same key and content answers the original outcome with <see cref="AdminResult.Replayed"/>; other content under the key is refused.</param>
    /// <param name="cancellationToken">Cancels the change before it commits.</param>
    public Task<AdminResult> GrantHistoricAccessAsync(ChangeContext context, string? nhsNumber, string? fromDate, string? idempotencyKey, CancellationToken cancellationToken = default)
    {
        var problems = new List<InputProblem>();
        var date = AdminChecks.PastDate(fromDate, "fromDate", Today, problems);
        return PatientChangeAsync(context, nhsNumber, problems, new Write(nameof(HistoricAccessGranted), idempotencyKey, Day(date)), (nhs, p) => p.HistoricFromDate switch
        {
            null => new HistoricAccessGranted(nhs, date!.Value),
            var existing when existing == date => NoChange.Instance,
            var existing => Conflict("fromDate", $"the patient already has historic access from {Day(existing)}; revoke it before granting it from another date"),
        }, cancellationToken);
    }

    /// <summary>Revokes historic access. A patient without it is refused (<see cref="AdminRejection.StateConflict"/>, decision A7).</summary>
    /// <param name="context">Who and why.</param>
    /// <param name="nhsNumber">The patient.</param>
    /// <param name="idempotencyKey">Optional (1–128 characters): a repeat with the same key and content answers the original outcome with <see cref="AdminResult.Replayed"/>; other content under the key is refused.</param>
    /// <param name="cancellationToken">Cancels the change before it commits.</param>
    public Task<AdminResult> RevokeHistoricAccessAsync(ChangeContext context, string? nhsNumber, string? idempotencyKey, CancellationToken cancellationToken = default) =>
        PatientChangeAsync(context, nhsNumber, [], new Write(nameof(HistoricAccessRevoked), idempotencyKey), (nhs, p) =>
            p.HistoricFromDate is null ? Conflict("nhsNumber", "the patient has no historic access") : new HistoricAccessRevoked(nhs), cancellationToken);
}
