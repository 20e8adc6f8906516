using RecordAccess.Core.Engine;
using RecordAccess.Core.Model;

namespace RecordAccess.Core.Policy;

public sealed partial class PolicyGate
{
    /// <summary>
    /// Decides and audits a request the caller has already built from the state (with
    /// <see cref="PolicyState.BuildRequest(string, DateOnly, IReadOnlyList{EntryFacts}, bool, out long)"/>) and
    /// checked: network surfaces read the practice from it to authorise the caller and to reject an invalid
    /// request, so the facts they authorised are exactly the facts that decide. Decides with the rule set
    /// <paramref name="flags"/> stage (its <see cref="DecisionRequest.RuleSet"/> is replaced), and records the flag
    /// snapshot with the audit; in shadow, the snapshot recorded ends with <c>;RuleSet2025.shadowDifferences=N</c> and the
    /// audit record holds each differing entry with the shadow's answer (<see cref="Audit.DecisionAuditRecord.ShadowDifferences"/>).
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
        var deciding = request with { RuleSet = flags.Deciding };
        var decisions = DecisionEngine.Evaluate(deciding);
        var differences = 0;
        List<Decision>? shadowDifferences = null;
        var snapshot = flags.Snapshot;
        if (flags.RuleSet2025 == StagedRuleMode.Shadow)
        {
            var shadow = DecisionEngine.Evaluate(request with { RuleSet = RuleSetVersion.V2025_1 });
            shadowDifferences = [];
            for (var i = 0; i < decisions.Length; i++)
            {
                if (decisions[i].Reason != shadow[i].Reason)
                {
                    shadowDifferences.Add(shadow[i]);
                }
            }

            differences = shadowDifferences.Count;
            snapshot = ShadowSnapshot(snapshot, differences);
        }

        var ruleSet = RuleSet.VersionOf(flags.Deciding);
        var (id, failed) = await AuditAsync(caller, deciding, stateVersion, ruleSet, snapshot, decisions, shadowDifferences, cancellationToken).ConfigureAwait(false);
        if (failed)
        {
            for (var i = 0; i < decisions.Length; i++)
            {
                decisions[i] = decisions[i] with { Reason = ReasonCode.DecisionUnavailable };
            }

            return new GateAnswer(id, stateVersion, decisions, AuditFailed: true, RuleSetVersion: ruleSet);
        }

        return new GateAnswer(id, stateVersion, decisions, AuditFailed: false, RuleSetVersion: ruleSet, ShadowDifferences: differences);
    }

    /// <summary>The flag snapshot recorded in shadow: the count of entries rule set 2025.1 would answer differently, appended.</summary>
    /// <param name="snapshot">The snapshot as resolved at the edge.</param>
    /// <param name="differences">How many entries differ.</param>
    internal static string ShadowSnapshot(string snapshot, int differences) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{snapshot};RuleSet2025.shadowDifferences={differences}");
}
