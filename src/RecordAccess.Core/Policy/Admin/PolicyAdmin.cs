using RecordAccess.Core.Engine;
using RecordAccess.Core.Policy.Events;

namespace RecordAccess.Core.Policy.Admin;

/// <summary>
/// The admin operations that practice staff and suppliers use to change the facts the rule table reads;
/// surfaces (gRPC, FHIR, staff pages, CLI) call this and map its answers. Every operation checks its
/// input first, then re-checks against the state caught up to the latest version inside the store's
/// writer lock, so concurrent writers never lose an update or act on stale state. On any problem
/// nothing changes. A committed change is applied to this server's <see cref="State"/> before the
/// call returns, so a withholding change is in force here when the caller hears it succeeded.
/// </summary>
public sealed partial class PolicyAdmin
{
    private readonly IPolicyEventStore _store;
    private readonly TimeProvider _clock;

    /// <summary>Creates the service over a store and this server's state.</summary>
    /// <param name="store">The policy log.</param>
    /// <param name="state">This server's projection of the log.</param>
    /// <param name="clock">The clock (UK calendar dates are taken from it).</param>
    public PolicyAdmin(IPolicyEventStore store, PolicyState state, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(clock);
        _store = store;
        State = state;
        _clock = clock;
    }

    /// <summary>This server's state.</summary>
    public PolicyState State { get; }

    private DateOnly Today => UkCalendar.Today(_clock);

    /// <summary>Applies every event committed since the state's version (by this or another server).</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<long> CatchUpAsync(CancellationToken cancellationToken = default)
    {
        var events = new List<RecordedEvent>();
        await foreach (var e in _store.ReadAsync(State.Version, cancellationToken).ConfigureAwait(false))
        {
            events.Add(e);
        }

        State.Apply(events);
        return State.Version;
    }

    /// <summary>Sets a practice's switch-on date and opt-out.</summary>
    /// <param name="context">Who and why.</param>
    /// <param name="ods">The practice's ODS code.</param>
    /// <param name="switchOnDate">The switch-on date, <c>YYYY-MM-DD</c>.</param>
    /// <param name="optedOut">The practice opts out of automatic access.</param>
    /// <param name="cancellationToken">Cancels the change before it commits.</param>
    public Task<AdminResult> SetPracticeSettingsAsync(ChangeContext context, string? ods, string? switchOnDate, bool optedOut, CancellationToken cancellationToken = default)
    {
        var problems = new List<InputProblem>();
        AdminChecks.Context(context, reasonRequired: true, problems);
        var code = AdminChecks.Ods(ods, "ods", problems);
        var date = AdminChecks.Date(switchOnDate, "switchOnDate", null, problems);
        if (problems.Count > 0)
        {
            return Task.FromResult(AdminResult.Rejected(problems));
        }

        AdminChecks.Scope(context.Actor, code, problems);
        if (problems.Count > 0)
        {
            return Task.FromResult(AdminResult.Rejected(problems, AdminRejection.NotPermitted));
        }

        return CommitAsync(context, problems, state =>
        {
            var current = state.FindPractice(code!);
            return current is not null && current.SwitchOnDate == date && current.OptedOut == optedOut
                ? Conflict("practice", "already has these settings")
                : new PracticeSettingsChanged(code!, date!.Value, optedOut);
        }, cancellationToken);
    }

    /// <summary>Registers a patient at a practice; registering a known patient at another practice is a move.</summary>
    /// <param name="context">Who (a reason is optional).</param>
    /// <param name="nhsNumber">The patient's NHS number.</param>
    /// <param name="ods">The practice.</param>
    /// <param name="dateOfBirth">Date of birth, <c>YYYY-MM-DD</c>.</param>
    /// <param name="registrationDate">Registration date at the practice, <c>YYYY-MM-DD</c>.</param>
    /// <param name="cancellationToken">Cancels the change before it commits.</param>
    public Task<AdminResult> RegisterPatientAsync(ChangeContext context, string? nhsNumber, string? ods, string? dateOfBirth, string? registrationDate, CancellationToken cancellationToken = default)
    {
        var problems = new List<InputProblem>();
        AdminChecks.Context(context, reasonRequired: false, problems);
        var nhs = AdminChecks.Nhs(nhsNumber, "nhsNumber", problems);
        var code = AdminChecks.Ods(ods, "ods", problems);
        var born = AdminChecks.Date(dateOfBirth, "dateOfBirth", Today, problems);
        var registered = AdminChecks.Date(registrationDate, "registrationDate", Today, problems);
        if (problems.Count > 0)
        {
            return Task.FromResult(AdminResult.Rejected(problems));
        }

        AdminChecks.Scope(context.Actor, code, problems);
        if (problems.Count > 0)
        {
            return Task.FromResult(AdminResult.Rejected(problems, AdminRejection.NotPermitted));
        }

        return CommitAsync(context, problems, state =>
        {
            if (state.FindPractice(code!) is null)
            {
                return Conflict("ods", "is not a known practice (set its settings first)");
            }

            var current = state.FindPatient(nhs!);
            return current is not null && current.Ods == code && current.DateOfBirth == born && current.RegistrationDate == registered
                ? Conflict("nhsNumber", "is already registered with these details")
                : new PatientRegistered(nhs!, code!, born!.Value, registered!.Value);
        }, cancellationToken);
    }

    /// <summary>Records one access code (103, 104 or 106) for one patient.</summary>
    /// <param name="context">Who and why.</param>
    /// <param name="nhsNumber">The patient.</param>
    /// <param name="code">The SNOMED CT concept id.</param>
    /// <param name="effectiveDate">The code's effective date, <c>YYYY-MM-DD</c>, not in the future.</param>
    /// <param name="cancellationToken">Cancels the change before it commits.</param>
    public Task<AdminResult> RecordPatientCodeAsync(ChangeContext context, string? nhsNumber, string? code, string? effectiveDate, CancellationToken cancellationToken = default)
    {
        var problems = new List<InputProblem>();
        var concept = AdminChecks.AccessCode(code, "code", problems);
        var date = AdminChecks.Date(effectiveDate, "effectiveDate", Today, problems);
        return PatientChangeAsync(context, nhsNumber, problems, (nhs, p) =>
            p.Codes.Any(c => c.Code == concept && c.EffectiveDate.Value == date)
                ? Conflict("code", "the patient already has this code with this effective date")
                : new PatientCodeRecorded(nhs, concept!, date!.Value), cancellationToken);
    }

    /// <summary>Restricts a patient (risk of serious harm); no grant overrides it.</summary>
    /// <param name="context">Who and why.</param>
    /// <param name="nhsNumber">The patient.</param>
    /// <param name="cancellationToken">Cancels the change before it commits.</param>
    public Task<AdminResult> RestrictPatientAsync(ChangeContext context, string? nhsNumber, CancellationToken cancellationToken = default) =>
        PatientChangeAsync(context, nhsNumber, [], (nhs, p) =>
            p.Restricted ? Conflict("nhsNumber", "the patient is already restricted") : new PatientRestricted(nhs), cancellationToken);

    /// <summary>Lifts a patient's restriction.</summary>
    /// <param name="context">Who and why.</param>
    /// <param name="nhsNumber">The patient.</param>
    /// <param name="cancellationToken">Cancels the change before it commits.</param>
    public Task<AdminResult> LiftRestrictionAsync(ChangeContext context, string? nhsNumber, CancellationToken cancellationToken = default) =>
        PatientChangeAsync(context, nhsNumber, [], (nhs, p) =>
            !p.Restricted ? Conflict("nhsNumber", "the patient is not restricted") : new PatientRestrictionLifted(nhs), cancellationToken);

    /// <summary>Raises a safeguarding flag; no grant overrides it.</summary>
    /// <param name="context">Who and why.</param>
    /// <param name="nhsNumber">The patient.</param>
    /// <param name="flagId">The flag's id (unique among the patient's active flags).</param>
    /// <param name="cancellationToken">Cancels the change before it commits.</param>
    public Task<AdminResult> RaiseSafeguardingFlagAsync(ChangeContext context, string? nhsNumber, string? flagId, CancellationToken cancellationToken = default)
    {
        var problems = new List<InputProblem>();
        var id = AdminChecks.Id(flagId, "flagId", problems);
        return PatientChangeAsync(context, nhsNumber, problems, (nhs, p) =>
            p.SafeguardingFlags.Contains(id!) ? Conflict("flagId", "a flag with this id is already active") : new SafeguardingFlagRaised(nhs, id!), cancellationToken);
    }

    /// <summary>Resolves an active safeguarding flag.</summary>
    /// <param name="context">Who and why.</param>
    /// <param name="nhsNumber">The patient.</param>
    /// <param name="flagId">The flag's id.</param>
    /// <param name="cancellationToken">Cancels the change before it commits.</param>
    public Task<AdminResult> ResolveSafeguardingFlagAsync(ChangeContext context, string? nhsNumber, string? flagId, CancellationToken cancellationToken = default)
    {
        var problems = new List<InputProblem>();
        var id = AdminChecks.Id(flagId, "flagId", problems);
        return PatientChangeAsync(context, nhsNumber, problems, (nhs, p) =>
            !p.SafeguardingFlags.Contains(id!) ? Conflict("flagId", "the patient has no active flag with this id") : new SafeguardingFlagResolved(nhs, id!), cancellationToken);
    }

    /// <summary>Grants access individually (overrides opt-out, 103 and 104 dated before the grant).</summary>
    /// <param name="context">Who and why.</param>
    /// <param name="nhsNumber">The patient.</param>
    /// <param name="grantDate">The grant's date, <c>YYYY-MM-DD</c>, not in the future.</param>
    /// <param name="cancellationToken">Cancels the change before it commits.</param>
    public Task<AdminResult> GrantIndividualAccessAsync(ChangeContext context, string? nhsNumber, string? grantDate, CancellationToken cancellationToken = default)
    {
        var problems = new List<InputProblem>();
        var date = AdminChecks.Date(grantDate, "grantDate", Today, problems);
        return PatientChangeAsync(context, nhsNumber, problems, (nhs, p) =>
            p.IndividualGrantDate == date ? Conflict("grantDate", "the patient already has a grant of this date") : new IndividualGrantGiven(nhs, date!.Value), cancellationToken);
    }

    /// <summary>Revokes the individual grant.</summary>
    /// <param name="context">Who and why.</param>
    /// <param name="nhsNumber">The patient.</param>
    /// <param name="cancellationToken">Cancels the change before it commits.</param>
    public Task<AdminResult> RevokeIndividualAccessAsync(ChangeContext context, string? nhsNumber, CancellationToken cancellationToken = default) =>
        PatientChangeAsync(context, nhsNumber, [], (nhs, p) =>
            p.IndividualGrantDate is null ? Conflict("nhsNumber", "the patient has no individual grant") : new IndividualGrantRevoked(nhs), cancellationToken);

    /// <summary>Sets an individual access start date.</summary>
    /// <param name="context">Who and why.</param>
    /// <param name="nhsNumber">The patient.</param>
    /// <param name="startDate">The start date, <c>YYYY-MM-DD</c>.</param>
    /// <param name="cancellationToken">Cancels the change before it commits.</param>
    public Task<AdminResult> SetIndividualStartDateAsync(ChangeContext context, string? nhsNumber, string? startDate, CancellationToken cancellationToken = default)
    {
        var problems = new List<InputProblem>();
        var date = AdminChecks.Date(startDate, "startDate", null, problems);
        return PatientChangeAsync(context, nhsNumber, problems, (nhs, p) =>
            p.IndividualStartDate == date ? Conflict("startDate", "the patient already has this start date") : new IndividualStartDateSet(nhs, date!.Value), cancellationToken);
    }

    /// <summary>Removes the individual access start date.</summary>
    /// <param name="context">Who and why.</param>
    /// <param name="nhsNumber">The patient.</param>
    /// <param name="cancellationToken">Cancels the change before it commits.</param>
    public Task<AdminResult> RemoveIndividualStartDateAsync(ChangeContext context, string? nhsNumber, CancellationToken cancellationToken = default) =>
        PatientChangeAsync(context, nhsNumber, [], (nhs, p) =>
            p.IndividualStartDate is null ? Conflict("nhsNumber", "the patient has no individual start date") : new IndividualStartDateRemoved(nhs), cancellationToken);

    /// <summary>Grants access to historic entries recorded on or after a date.</summary>
    /// <param name="context">Who and why.</param>
    /// <param name="nhsNumber">The patient.</param>
    /// <param name="fromDate">The first covered date, <c>YYYY-MM-DD</c>.</param>
    /// <param name="cancellationToken">Cancels the change before it commits.</param>
    public Task<AdminResult> GrantHistoricAccessAsync(ChangeContext context, string? nhsNumber, string? fromDate, CancellationToken cancellationToken = default)
    {
        var problems = new List<InputProblem>();
        var date = AdminChecks.Date(fromDate, "fromDate", Today, problems);
        return PatientChangeAsync(context, nhsNumber, problems, (nhs, p) =>
            p.HistoricFromDate == date ? Conflict("fromDate", "the patient already has historic access from this date") : new HistoricAccessGranted(nhs, date!.Value), cancellationToken);
    }

    /// <summary>Revokes historic access.</summary>
    /// <param name="context">Who and why.</param>
    /// <param name="nhsNumber">The patient.</param>
    /// <param name="cancellationToken">Cancels the change before it commits.</param>
    public Task<AdminResult> RevokeHistoricAccessAsync(ChangeContext context, string? nhsNumber, CancellationToken cancellationToken = default) =>
        PatientChangeAsync(context, nhsNumber, [], (nhs, p) =>
            p.HistoricFromDate is null ? Conflict("nhsNumber", "the patient has no historic access") : new HistoricAccessRevoked(nhs), cancellationToken);

    /// <summary>Marks an entry not visible online, by the GP system's stable entry id.</summary>
    /// <param name="context">Who and why.</param>
    /// <param name="nhsNumber">The patient.</param>
    /// <param name="entryId">The stable entry id.</param>
    /// <param name="cancellationToken">Cancels the change before it commits.</param>
    public Task<AdminResult> RedactEntryAsync(ChangeContext context, string? nhsNumber, string? entryId, CancellationToken cancellationToken = default) =>
        EntryChangeAsync(context, nhsNumber, entryId, (nhs, id, p) =>
            p.RedactedEntries.Contains(id) ? Conflict("entryId", "the entry is already redacted") : new EntryRedacted(nhs, id), cancellationToken);

    /// <summary>Removes an entry's redaction.</summary>
    /// <param name="context">Who and why.</param>
    /// <param name="nhsNumber">The patient.</param>
    /// <param name="entryId">The stable entry id.</param>
    /// <param name="cancellationToken">Cancels the change before it commits.</param>
    public Task<AdminResult> UnredactEntryAsync(ChangeContext context, string? nhsNumber, string? entryId, CancellationToken cancellationToken = default) =>
        EntryChangeAsync(context, nhsNumber, entryId, (nhs, id, p) =>
            !p.RedactedEntries.Contains(id) ? Conflict("entryId", "the entry is not redacted") : new EntryUnredacted(nhs, id), cancellationToken);

    /// <summary>Releases a sensitive entry (a clinician's decision; lifts rule 11 for that entry only).</summary>
    /// <param name="context">Who and why.</param>
    /// <param name="nhsNumber">The patient.</param>
    /// <param name="entryId">The stable entry id.</param>
    /// <param name="cancellationToken">Cancels the change before it commits.</param>
    public Task<AdminResult> ReleaseEntryAsync(ChangeContext context, string? nhsNumber, string? entryId, CancellationToken cancellationToken = default) =>
        EntryChangeAsync(context, nhsNumber, entryId, (nhs, id, p) =>
            p.ReleasedEntries.Contains(id) ? Conflict("entryId", "the entry is already released") : new EntryReleased(nhs, id), cancellationToken);

    /// <summary>Withdraws the release of a sensitive entry.</summary>
    /// <param name="context">Who and why.</param>
    /// <param name="nhsNumber">The patient.</param>
    /// <param name="entryId">The stable entry id.</param>
    /// <param name="cancellationToken">Cancels the change before it commits.</param>
    public Task<AdminResult> WithdrawReleaseAsync(ChangeContext context, string? nhsNumber, string? entryId, CancellationToken cancellationToken = default) =>
        EntryChangeAsync(context, nhsNumber, entryId, (nhs, id, p) =>
            !p.ReleasedEntries.Contains(id) ? Conflict("entryId", "the entry is not released") : new EntryReleaseWithdrawn(nhs, id), cancellationToken);

    private static Refusal Conflict(string field, string message) => new(new(field, message), AdminRejection.StateConflict);

    private Task<AdminResult> EntryChangeAsync(ChangeContext context, string? nhsNumber, string? entryId, Func<string, string, PatientView, object> decide, CancellationToken cancellationToken)
    {
        var problems = new List<InputProblem>();
        var id = AdminChecks.Id(entryId, "entryId", problems);
        return PatientChangeAsync(context, nhsNumber, problems, (nhs, p) => decide(nhs, id!, p), cancellationToken);
    }

    /// <summary>A change to one registered patient: checks the caller, reason and NHS number, then decides against the latest state.</summary>
    /// <remarks><c>decide</c> returns the change, or a <see cref="Refusal"/> when the state forbids it.</remarks>
    private Task<AdminResult> PatientChangeAsync(ChangeContext context, string? nhsNumber, List<InputProblem> problems, Func<string, PatientView, object> decide, CancellationToken cancellationToken)
    {
        AdminChecks.Context(context, reasonRequired: true, problems);
        var nhs = AdminChecks.Nhs(nhsNumber, "nhsNumber", problems);
        if (problems.Count > 0)
        {
            return Task.FromResult(AdminResult.Rejected(problems));
        }

        return CommitAsync(context, problems, state =>
        {
            if (state.FindPatient(nhs!) is not { Ods: not null } patient)
            {
                return Conflict("nhsNumber", "is not a registered patient");
            }

            if (context.Actor.Kind == ActorKind.Staff && context.Actor.Ods != patient.Ods)
            {
                return new Refusal(new("actor.ods", $"staff of {context.Actor.Ods} may not change a patient registered at another practice"), AdminRejection.NotPermitted);
            }

            return decide(nhs!, patient);
        }, cancellationToken);
    }

    /// <summary>Decides against the latest state inside the store's writer lock and commits one event.</summary>
    /// <remarks><c>decide</c> returns a <see cref="PolicyChange"/> or a <see cref="Refusal"/>.</remarks>
    private async Task<AdminResult> CommitAsync(ChangeContext context, List<InputProblem> problems, Func<PolicyState, object> decide, CancellationToken cancellationToken)
    {
        if (problems.Count > 0)
        {
            return AdminResult.Rejected(problems);
        }

        var rejection = AdminRejection.None;
        var outcome = await _store.AppendAsync(new AppendRequest
        {
            KnownVersion = State.Version,
            Decide = missed =>
            {
                State.Apply(missed);
                switch (decide(State))
                {
                    case PolicyChange change:
                        return [new PolicyEvent(_clock.GetUtcNow(), context.Actor, NormaliseReason(context.Reason), change)];
                    case Refusal refusal:
                        problems.Add(refusal.Problem);
                        rejection = refusal.Kind;
                        return [];
                    default:
                        throw new InvalidOperationException("An admin decision must return a change or a problem.");
                }
            },
        }, cancellationToken).ConfigureAwait(false);

        if (problems.Count > 0)
        {
            return AdminResult.Rejected(problems, rejection);
        }

        State.Apply(outcome.Appended);
        return new AdminResult { Version = outcome.LastVersion };
    }

    /// <summary>Why the state forbids a change: the problem, and whether it is a conflict or not permitted.</summary>
    private sealed record Refusal(InputProblem Problem, AdminRejection Kind);

    private static string? NormaliseReason(string? reason) => string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
}
