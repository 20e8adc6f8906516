using RecordAccess.Core.Engine;
using RecordAccess.Core.Explain;
using RecordAccess.Core.Model;
using RecordAccess.Core.Policy.Audit;

namespace RecordAccess.Core.Policy;

public sealed partial class PolicyGate
{
    /// <summary>
    /// The entry id under which a patient-level answer is audited (there is no entry): the audit record holds one
    /// decision with this id and the patient-level reason, so the answer given can be read back.
    /// </summary>
    public const string PatientAccessAuditId = "$patient-access";

    /// <summary>
    /// The patient-level answer (<see cref="DecisionEngine.EvaluatePatient"/>) for a request the caller built from the
    /// state and checked, as <see cref="DecideAsync"/> does: the rule set staged by <paramref name="flags"/> answers (2025.1
    /// only when on; nothing is compared in shadow), and the answer is audited with the flag snapshot before it is returned.
    /// If the audit cannot be written, <see cref="GateAccessAnswer.AuditFailed"/> is set and nothing is answered.
    /// </summary>
    /// <param name="caller">Who asks (recorded in the audit).</param>
    /// <param name="request">The request built from the state (its entries are not read).</param>
    /// <param name="stateVersion">The state version <paramref name="request"/> was read at.</param>
    /// <param name="flags">The resolved rollout switches.</param>
    /// <param name="cancellationToken">Stops waiting for room in the audit queue.</param>
    public async Task<GateAccessAnswer> AccessAsync(string caller, DecisionRequest request, long stateVersion, GateFlags flags, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(flags);
        var (live, ruleSet) = Staged(request, flags);
        var access = DecisionEngine.EvaluatePatient(live);
        var (id, failed) = await AuditAsync(caller, live, stateVersion, ruleSet, flags.Snapshot, [new Decision(PatientAccessAuditId, access.Reason, live.RuleSet)], null, cancellationToken)
            .ConfigureAwait(false);
        return failed
            ? new GateAccessAnswer(id, stateVersion, new PatientAccess(ReasonCode.DecisionUnavailable, null, null, null, live.RuleSet), AuditFailed: true, ruleSet)
            : new GateAccessAnswer(id, stateVersion, access, AuditFailed: false, ruleSet);
    }

    /// <summary>
    /// Explains one entry (<see cref="DecisionExplainer"/>) of a request the caller built from the state and checked,
    /// with the rule set staged by <paramref name="flags"/> exactly as <see cref="DecideAsync"/> chooses it, so the
    /// decision explained is the decision the gate gives. The entry's decision is audited before it is returned.
    /// Returns null (nothing audited) when no entry has <paramref name="entryId"/>.
    /// </summary>
    /// <param name="caller">Who asks (recorded in the audit).</param>
    /// <param name="request">The request built from the state, at the evaluation date to explain.</param>
    /// <param name="stateVersion">The state version <paramref name="request"/> was read at.</param>
    /// <param name="flags">The resolved rollout switches.</param>
    /// <param name="entryId">The entry to explain (compared exactly).</param>
    /// <param name="cancellationToken">Stops waiting for room in the audit queue.</param>
    public async Task<GateExplainAnswer?> ExplainAsync(string caller, DecisionRequest request, long stateVersion, GateFlags flags, string entryId,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(flags);
        ArgumentNullException.ThrowIfNull(entryId);
        var (live, ruleSet) = Staged(request, flags);
        if (DecisionExplainer.Explain(live, entryId) is not { } explanation)
        {
            return null;
        }

        var (id, failed) = await AuditAsync(caller, live, stateVersion, ruleSet, flags.Snapshot, [explanation.Decision], null, cancellationToken).ConfigureAwait(false);
        return new GateExplainAnswer(id, stateVersion, failed ? null : explanation, failed, ruleSet);
    }

    private static (DecisionRequest Live, string RuleSet) Staged(DecisionRequest request, GateFlags flags) =>
        (request with { RuleSet = flags.Deciding }, RuleSet.VersionOf(flags.Deciding));

    /// <summary>
    /// The one place a decision is audited: a record with a new decision id is committed durably, or the answer is
    /// marked failed (the caller answers nothing; fail closed). The record holds what a replay needs (decision 0108):
    /// the entries as the engine saw them, the evaluation date, the practice and the shadow's differing answers.
    /// </summary>
    private async Task<(Guid Id, bool Failed)> AuditAsync(string caller, DecisionRequest request, long stateVersion, string ruleSet, string? flags,
        Decision[] decisions, IReadOnlyList<Decision>? shadowDifferences, CancellationToken cancellationToken) =>
        await AuditAsync(caller, request.Patient?.NhsNumber ?? string.Empty, request, stateVersion, ruleSet, flags, decisions, shadowDifferences, cancellationToken)
            .ConfigureAwait(false);

    private async Task<(Guid Id, bool Failed)> AuditAsync(string caller, string nhsNumber, DecisionRequest request, long stateVersion, string ruleSet, string? flags,
        Decision[] decisions, IReadOnlyList<Decision>? shadowDifferences, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        try
        {
            var record = new DecisionAuditRecord(id, now, caller, nhsNumber, stateVersion, ruleSet, decisions, flags)
            {
                Entries = request.Entries,
                EvaluationDate = request.EvaluationDate,
                ShadowDifferences = shadowDifferences,
                PracticeOds = request.Practice?.Ods,
            };
            await _audit.RecordAsync(record, cancellationToken).ConfigureAwait(false);
            return (id, false);
        }
        catch (AuditUnavailableException)
        {
            return (id, true);
        }
    }
}
