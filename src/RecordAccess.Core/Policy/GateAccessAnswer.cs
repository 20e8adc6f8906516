using RecordAccess.Core.Engine;

namespace RecordAccess.Core.Policy;

/// <summary>The audited patient-level answer (<see cref="PolicyGate.AccessAsync"/>).</summary>
/// <param name="DecisionId">The id under which the request is audited.</param>
/// <param name="StateVersion">The policy state version the answer read.</param>
/// <param name="Access">The patient-level answer; <see cref="Model.ReasonCode.DecisionUnavailable"/> with no dates when the audit failed.</param>
/// <param name="AuditFailed">True when the audit could not be written (fail closed: surfaces answer nothing).</param>
/// <param name="RuleSetVersion">The rule-set version that decided.</param>
public sealed record GateAccessAnswer(Guid DecisionId, long StateVersion, PatientAccess Access, bool AuditFailed, string RuleSetVersion);
