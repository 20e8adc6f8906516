using RecordAccess.Core.Model;

namespace RecordAccess.Core.Policy;

/// <summary>The answer to one evaluation request.</summary>
/// <param name="DecisionId">The id under which the request is audited.</param>
/// <param name="StateVersion">The policy state version the decisions read.</param>
/// <param name="Decisions">One decision per entry, in request order.</param>
/// <param name="AuditFailed">True when the audit could not be written: every decision is then <see cref="ReasonCode.DecisionUnavailable"/>.</param>
/// <param name="StateBehind">
/// True when the caller asked for at least a state version this server has not reached yet: every decision
/// is then <see cref="ReasonCode.DecisionUnavailable"/> (surfaces answer FAILED_PRECONDITION; the caller retries).
/// </param>
/// <param name="RuleSetVersion">The rule-set version that decided (<see cref="RuleSet.PreviousVersion"/> unless rule set 2025.1 is on).</param>
/// <param name="ShadowDifferences">With rule set 2025.1 in shadow: how many entries it would have answered differently (also recorded in the audit's flag snapshot).</param>
public sealed record GateAnswer(
    Guid DecisionId,
    long StateVersion,
    IReadOnlyList<Decision> Decisions,
    bool AuditFailed,
    bool StateBehind = false,
    string RuleSetVersion = RuleSet.Version,
    int ShadowDifferences = 0);
