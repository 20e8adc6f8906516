using RecordAccess.Core.Engine;
using RecordAccess.Core.Policy.Events;

namespace RecordAccess.Core.Policy.Admin;

/// <summary>Practice settings and registrations.</summary>
public sealed partial class PolicyAdmin
{
    /// <summary>
    /// Sets a practice's switch-on date and opt-out. Settings equal to the current ones are
    /// <see cref="AdminResult.Unchanged"/>.
    /// </summary>
    /// <param name="context">Who and why.</param>
    /// <param name="ods">The practice's ODS code.</param>
    /// <param name="switchOnDate">The switch-on date, <c>YYYY-MM-DD</c>, from 1900-01-01 to today + 366 days.</param>
    /// <param name="optedOut">The practice opts out of automatic access.</param>
    /// <param name="idempotencyKey">Optional (1–128 characters): a repeat with the same key and content answers the original outcome with <see cref="AdminResult.Replayed"/>; other content under the key is refused.</param>
    /// <param name="cancellationToken">Cancels the change before it commits.</param>
    public Task<AdminResult> SetPracticeSettingsAsync(ChangeContext context, string? ods, string? switchOnDate, bool optedOut, string? idempotencyKey, CancellationToken cancellationToken = default)
    {
        var problems = new List<InputProblem>();
        AdminChecks.Context(context, reasonRequired: true, problems);
        var code = AdminChecks.Ods(ods, "ods", problems);
        var date = AdminChecks.ScheduledDate(switchOnDate, "switchOnDate", Today, problems);
        AdminChecks.Key(idempotencyKey, problems);
        if (problems.Count > 0)
        {
            return Task.FromResult(AdminResult.Rejected(problems));
        }

        AdminChecks.Scope(context.Actor, code, problems);
        if (problems.Count > 0)
        {
            return Task.FromResult(AdminResult.Rejected(problems, AdminRejection.NotPermitted));
        }

        var write = new Write(nameof(PracticeSettingsChanged), idempotencyKey, code, Day(date), optedOut ? "opted-out" : "opted-in");
        return CommitAsync(context, problems, write, state =>
        {
            var current = state.FindPractice(code!);
            return current is not null && current.SwitchOnDate == date && current.OptedOut == optedOut
                ? NoChange.Instance
                : new PracticeSettingsChanged(code!, date!.Value, optedOut);
        }, cancellationToken);
    }

    /// <summary>
    /// Registers a patient at a practice; registering a known patient at another practice is a move. The same
    /// practice and dates as now are <see cref="AdminResult.Unchanged"/>; other dates at the same practice correct them.
    /// </summary>
    /// <param name="context">Who (a reason is optional).</param>
    /// <param name="nhsNumber">The patient's NHS number.</param>
    /// <param name="ods">The practice.</param>
    /// <param name="dateOfBirth">Date of birth, <c>YYYY-MM-DD</c>, from 1900-01-01 to today.</param>
    /// <param name="registrationDate">Registration date at the practice, <c>YYYY-MM-DD</c>, from 1900-01-01 to today.</param>
    /// <param name="idempotencyKey">Optional (1–128 characters): a repeat with the same key and content answers the original outcome with <see cref="AdminResult.Replayed"/>; other content under the key is refused.</param>
    /// <param name="cancellationToken">Cancels the change before it commits.</param>
    public Task<AdminResult> RegisterPatientAsync(ChangeContext context, string? nhsNumber, string? ods, string? dateOfBirth, string? registrationDate, string? idempotencyKey, CancellationToken cancellationToken = default)
    {
        var problems = new List<InputProblem>();
        AdminChecks.Context(context, reasonRequired: false, problems);
        var nhs = AdminChecks.Nhs(nhsNumber, "nhsNumber", problems);
        var code = AdminChecks.Ods(ods, "ods", problems);
        var born = AdminChecks.PastDate(dateOfBirth, "dateOfBirth", Today, problems);
        var registered = AdminChecks.PastDate(registrationDate, "registrationDate", Today, problems);
        AdminChecks.Key(idempotencyKey, problems);
        if (problems.Count > 0)
        {
            return Task.FromResult(AdminResult.Rejected(problems));
        }

        AdminChecks.Scope(context.Actor, code, problems);
        if (problems.Count > 0)
        {
            return Task.FromResult(AdminResult.Rejected(problems, AdminRejection.NotPermitted));
        }

        var write = new Write(nameof(PatientRegistered), idempotencyKey, nhs, code, Day(born), Day(registered));
        return CommitAsync(context, problems, write, state =>
        {
            if (state.FindPractice(code!) is null)
            {
                return Conflict("ods", "is not a known practice (set its settings first)");
            }

            var current = state.FindPatient(nhs!);
            return current is not null && current.Ods == code && current.DateOfBirth == born && current.RegistrationDate == registered
                ? NoChange.Instance
                : new PatientRegistered(nhs!, code!, born!.Value, registered!.Value);
        }, cancellationToken);
    }
}
