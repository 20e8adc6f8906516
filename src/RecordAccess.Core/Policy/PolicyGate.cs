using RecordAccess.Core.Engine;
using RecordAccess.Core.Model;
using RecordAccess.Core.Policy.Audit;

namespace RecordAccess.Core.Policy;

/// <summary>
/// Decides the entries of one patient's record from this server's policy state and audits the request
/// durably before answering. If the audit cannot be written, every entry is answered
/// <see cref="ReasonCode.DecisionUnavailable"/> (fail closed) and <see cref="GateAnswer.AuditFailed"/> is set.
/// </summary>
public sealed partial class PolicyGate
{
    private readonly PolicyState _state;
    private readonly AuditGroupCommitter _audit;
    private readonly TimeProvider _clock;

    /// <summary>Creates the gate.</summary>
    /// <param name="state">This server's policy state.</param>
    /// <param name="audit">The audit writer.</param>
    /// <param name="clock">The clock; the evaluation date is its UK calendar date.</param>
    public PolicyGate(PolicyState state, AuditGroupCommitter audit, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(clock);
        _state = state;
        _audit = audit;
        _clock = clock;
    }

    /// <summary>Decides and audits one request.</summary>
    /// <param name="caller">Who asks (recorded in the audit).</param>
    /// <param name="nhsNumber">The patient.</param>
    /// <param name="entries">The entries as sent by the GP system.</param>
    /// <param name="nationalPause">The national pause switch, resolved at the edge.</param>
    /// <param name="evaluationDate">A what-if evaluation date (staff tools); null for today's UK date, the normal case.</param>
    /// <param name="atLeastVersion">
    /// The caller's "at least this state version" (e.g. the version a withholding write returned); a server
    /// whose state is older answers every entry <see cref="ReasonCode.DecisionUnavailable"/> with
    /// <see cref="GateAnswer.StateBehind"/> set, never from older state.
    /// </param>
    /// <param name="cancellationToken">Stops waiting for room in the audit queue.</param>
    public async Task<GateAnswer> EvaluateAsync(
        string caller,
        string nhsNumber,
        IReadOnlyList<EntryFacts> entries,
        bool nationalPause = false,
        DateOnly? evaluationDate = null,
        long? atLeastVersion = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(nhsNumber);
        ArgumentNullException.ThrowIfNull(entries);
        var now = _clock.GetUtcNow();
        var request = _state.BuildRequest(nhsNumber, evaluationDate ?? UkCalendar.DateAt(now), entries, nationalPause, out var version);
        var behind = atLeastVersion > version;
        var decisions = behind
            ? [.. entries.Select(e => new Decision(e.Id, ReasonCode.DecisionUnavailable))]
            : DecisionEngine.Evaluate(request);
        var (id, failed) = await AuditAsync(caller, nhsNumber, request, version, RuleSet.Version, null, decisions, null, cancellationToken).ConfigureAwait(false);
        if (failed)
        {
            var closed = decisions.Select(d => new Decision(d.EntryId, ReasonCode.DecisionUnavailable)).ToArray();
            return new GateAnswer(id, version, closed, AuditFailed: true);
        }

        return new GateAnswer(id, version, decisions, AuditFailed: false, StateBehind: behind);
    }
}
