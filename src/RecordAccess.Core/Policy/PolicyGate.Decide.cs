using RecordAccess.Core.Engine;
using RecordAccess.Core.Model;
using RecordAccess.Core.Policy.Audit;

namespace RecordAccess.Core.Policy;

public sealed partial class PolicyGate
{
    /// <summary>
    /// Decides and audits a request the caller has already built from the state (with
    /// <see cref="PolicyState.BuildRequest(string, DateOnly, IReadOnlyList{EntryFacts}, bool, out long)"/>) and
    /// checked: network surfaces read the practice from it to authorise the caller and to reject an invalid
    /// request, so the facts they authorised are exactly the facts that decide. Applies a staged rule per
    /// <paramref name="flags"/> and records the flag snapshot with the audit.
    /// </summary>
    /// <param name="caller">Who asks (recorded in the audit).</param>
    /// <param name="request">The request built from the state.</param>
    /// <param name="stateVersion">The state version <paramref name="request"/> was read at.</param>
    /// <param name="flags">The resolved rollout switches.</param>
    /// <param name="cancellationToken">Stops waiting for room in the audit queue.</param>
    public async Task<GateAnswer> DecideAsync(string caller, DecisionRequest request, long stateVersion, GateFlags flags, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(flags);
        var now = _clock.GetUtcNow();
        var staged = flags.FutureDatedCodesWait == StagedRuleMode.Off ? request : FutureDatedFacts.Ignore(request);
        var on = flags.FutureDatedCodesWait == StagedRuleMode.On;
        var decisions = DecisionEngine.Evaluate(on ? staged : request);
        var differences = 0;
        if (flags.FutureDatedCodesWait == StagedRuleMode.Shadow && !ReferenceEquals(staged, request))
        {
            var shadow = DecisionEngine.Evaluate(staged);
            for (var i = 0; i < decisions.Length; i++)
            {
                differences += decisions[i].Reason == shadow[i].Reason ? 0 : 1;
            }
        }

        var ruleSet = on ? RuleSet.FutureDatedCodesWaitVersion : RuleSet.Version;
        var nhs = request.Patient?.NhsNumber ?? string.Empty;
        var id = Guid.CreateVersion7(now);
        try
        {
            var record = new DecisionAuditRecord(id, now, caller, nhs, stateVersion, ruleSet, decisions, flags.Snapshot);
            await _audit.RecordAsync(record, cancellationToken).ConfigureAwait(false);
        }
        catch (AuditUnavailableException)
        {
            for (var i = 0; i < decisions.Length; i++)
            {
                decisions[i] = new Decision(decisions[i].EntryId, ReasonCode.DecisionUnavailable);
            }

            return new GateAnswer(id, stateVersion, decisions, AuditFailed: true, RuleSetVersion: ruleSet);
        }

        return new GateAnswer(id, stateVersion, decisions, AuditFailed: false, RuleSetVersion: ruleSet, ShadowDifferences: differences);
    }
}
