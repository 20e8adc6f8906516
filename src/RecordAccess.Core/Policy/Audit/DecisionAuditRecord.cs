using RecordAccess.Core.Model;

namespace RecordAccess.Core.Policy.Audit;

/// <summary>The durable record of one evaluation request.</summary>
/// <param name="DecisionId">The id returned to the caller.</param>
/// <param name="RecordedAt">When the request was decided.</param>
/// <param name="Caller">Who asked (supplier client id, staff user, patient app).</param>
/// <param name="NhsNumber">The patient, as asked.</param>
/// <param name="StateVersion">The policy state version the decision read.</param>
/// <param name="RuleSetVersion">The rule set that decided.</param>
/// <param name="Decisions">Every entry id with its answer, in request order.</param>
/// <param name="Flags">
/// The rollout switches as resolved for this request (e.g. <c>NationalPause=off;Gate=on;RuleSet2025=shadow;RuleSet2025.shadowDifferences=3</c>,
/// the count appended by the gate in shadow),
/// so the decision can be reproduced; null when none were resolved (records written before flags existed).
/// </param>
public sealed record DecisionAuditRecord(
    Guid DecisionId,
    DateTimeOffset RecordedAt,
    string Caller,
    string NhsNumber,
    long StateVersion,
    string RuleSetVersion,
    IReadOnlyList<Decision> Decisions,
    string? Flags = null);
