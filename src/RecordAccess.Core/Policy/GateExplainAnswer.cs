using RecordAccess.Core.Explain;

namespace RecordAccess.Core.Policy;

/// <summary>The audited explanation of one entry (<see cref="PolicyGate.ExplainAsync"/>).</summary>
/// <param name="DecisionId">The id under which the request is audited.</param>
/// <param name="StateVersion">The policy state version the explanation read.</param>
/// <param name="Explanation">The explanation; null when the audit failed (fail closed: nothing is explained).</param>
/// <param name="AuditFailed">True when the audit could not be written.</param>
/// <param name="RuleSetVersion">The rule-set version that decided.</param>
public sealed record GateExplainAnswer(Guid DecisionId, long StateVersion, EntryExplanation? Explanation, bool AuditFailed, string RuleSetVersion);
