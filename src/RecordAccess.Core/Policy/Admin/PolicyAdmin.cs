using System.Globalization;
using System.Security.Cryptography;
using System.Text;
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

    private static Refusal Conflict(string field, string message) => new(new(field, message), AdminRejection.StateConflict);

    private Task<AdminResult> EntryChangeAsync(ChangeContext context, string? nhsNumber, string? entryId, string operation, string? idempotencyKey, Func<string, string, PatientView, object> decide, CancellationToken cancellationToken, string? clinicalAction = null)
    {
        var problems = new List<InputProblem>();
        var id = AdminChecks.Id(entryId, "entryId", problems);
        return PatientChangeAsync(context, nhsNumber, problems, new Write(operation, idempotencyKey, id), (nhs, p) => decide(nhs, id!, p), cancellationToken, clinicalAction);
    }

    /// <summary>A change to one registered patient: checks the caller, reason and NHS number, then decides against the latest state.</summary>
    /// <remarks>
    /// <c>decide</c> returns the change, <see cref="NoChange"/>, or a <see cref="Refusal"/> when the state forbids it.
    /// <c>clinicalAction</c> names a change only a clinical role may make (<see cref="StaffRoles"/>, decision 0096):
    /// staff of the patient's practice without one are refused <see cref="AdminRejection.NotPermitted"/>.
    /// </remarks>
    private Task<AdminResult> PatientChangeAsync(ChangeContext context, string? nhsNumber, List<InputProblem> problems, Write write, Func<string, PatientView, object> decide, CancellationToken cancellationToken, string? clinicalAction = null)
    {
        AdminChecks.Context(context, reasonRequired: true, problems);
        var nhs = AdminChecks.Nhs(nhsNumber, "nhsNumber", problems);
        AdminChecks.Key(write.Key, problems);
        if (problems.Count > 0)
        {
            return Task.FromResult(AdminResult.Rejected(problems));
        }

        return CommitAsync(context, problems, write with { Facts = [nhs, .. write.Facts] }, state =>
        {
            if (state.FindPatient(nhs!) is not { Ods: not null } patient)
            {
                return Conflict("nhsNumber", "is not a registered patient");
            }

            if (context.Actor.Kind == ActorKind.Staff && context.Actor.Ods != patient.Ods)
            {
                return new Refusal(new("actor.ods", $"staff of {context.Actor.Ods} may not change a patient registered at another practice"), AdminRejection.NotPermitted);
            }

            if (clinicalAction is not null && !StaffRoles.MayActClinically(context.Actor))
            {
                return new Refusal(new("actor.role", $"{clinicalAction} needs a clinical role ({string.Join(", ", StaffRoles.Clinical.Order(StringComparer.Ordinal))}); role {context.Actor.Role} is not clinical"), AdminRejection.NotPermitted);
            }

            return decide(nhs!, patient);
        }, cancellationToken);
    }

    /// <summary>
    /// Decides against the latest state inside the store's writer lock and commits one event, or nothing when the
    /// decision is <see cref="NoChange"/> (then the idempotency key, if any, is still recorded) or a refusal.
    /// </summary>
    /// <remarks><c>decide</c> returns a <see cref="PolicyChange"/>, <see cref="NoChange"/> or a <see cref="Refusal"/>.</remarks>
    private async Task<AdminResult> CommitAsync(ChangeContext context, List<InputProblem> problems, Write write, Func<PolicyState, object> decide, CancellationToken cancellationToken)
    {
        if (problems.Count > 0)
        {
            return AdminResult.Rejected(problems);
        }

        var rejection = AdminRejection.None;
        var unchanged = false;
        var outcome = await _store.AppendAsync(new AppendRequest
        {
            KnownVersion = State.Version,
            IdempotencyKey = write.Key,
            Fingerprint = write.Key is null ? null : write.Fingerprint(context.Actor),
            KeepKeyWhenNothingAppended = () => unchanged,
            Decide = missed =>
            {
                State.Apply(missed);
                switch (decide(State))
                {
                    case PolicyChange change:
                        return [new PolicyEvent(_clock.GetUtcNow(), context.Actor, NormaliseReason(context.Reason), change)];
                    case NoChange:
                        unchanged = true;
                        return [];
                    case Refusal refusal:
                        problems.Add(refusal.Problem);
                        rejection = refusal.Kind;
                        return [];
                    default:
                        throw new InvalidOperationException("An admin decision must return a change, no change or a problem.");
                }
            },
        }, cancellationToken).ConfigureAwait(false);

        switch (outcome.Status)
        {
            case AppendStatus.AlreadyApplied:
                // The original may have been committed by another server: in force here before the caller hears "done".
                if (State.Version < outcome.LastVersion)
                {
                    await CatchUpAsync(cancellationToken).ConfigureAwait(false);
                }

                return new AdminResult { Version = outcome.LastVersion, Replayed = true, Unchanged = outcome.FirstVersion == 0 };
            case AppendStatus.KeyConflict:
                return AdminResult.Rejected([new("idempotencyKey", "was already used for a different change")], AdminRejection.StateConflict);
        }

        if (problems.Count > 0)
        {
            return AdminResult.Rejected(problems, rejection);
        }

        if (unchanged)
        {
            return new AdminResult { Version = outcome.LastVersion, Unchanged = true };
        }

        State.Apply(outcome.Appended);
        return new AdminResult { Version = outcome.LastVersion };
    }

    /// <summary>Why the state forbids a change: the problem, and whether it is a conflict or not permitted.</summary>
    private sealed record Refusal(InputProblem Problem, AdminRejection Kind);

    /// <summary>What the change asks for already holds: success, no event (decision A7).</summary>
    private sealed class NoChange
    {
        public static readonly NoChange Instance = new();
    }

    /// <summary>One write's identity for its idempotency key: the operation and its normalised facts.</summary>
    private sealed record Write(string Operation, string? Key, params string?[] Facts)
    {
        /// <summary>The digest stored with the key: operation, actor and facts, so another actor or other content cannot replay it.</summary>
        public string Fingerprint(Actor actor)
        {
            var text = new StringBuilder(Operation).Append('\u001f').Append(actor.Kind).Append('\u001f').Append(actor.Id).Append('\u001f').Append(actor.Ods);
            foreach (var fact in Facts)
            {
                text.Append('\u001f').Append(fact);
            }

            return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
        }
    }

    private static string Day(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty;

    private static string? NormaliseReason(string? reason) => string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
}
