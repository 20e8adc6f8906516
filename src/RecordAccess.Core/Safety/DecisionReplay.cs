namespace RecordAccess.Core.Safety;

/// <summary>
/// One audited entry decision replayed as of its time (the log up to the audited state version, the audited rule set and
/// switches, the entry facts stored in the audit), with the staff explanation and today's answer. Staff wording: never
/// shown to the patient.
/// </summary>
/// <param name="DecisionId">The audited decision.</param>
/// <param name="EntryId">The entry.</param>
/// <param name="AuditedReason">The reason the audit holds (as the audit spells it, e.g. <c>SafeguardingFlag</c>).</param>
/// <param name="ReplayedReason">The reason the replay gives; empty when the decision cannot be replayed.</param>
/// <param name="Reproduced">Whether the replay gave the audited reason. False is a severe finding (logged, counted, stored).</param>
/// <param name="StateVersion">The audited state version.</param>
/// <param name="RuleSetVersion">The audited rule set (e.g. <c>2025.1</c>).</param>
/// <param name="Flags">The audited rollout switches, as recorded.</param>
/// <param name="DecidingFact">Which fact decided, in staff words (or why the decision cannot be replayed).</param>
/// <param name="FactRecordedBy">Who recorded the deciding fact (the log event's actor), when it came from the log.</param>
/// <param name="FactRecordedAt">When that event was recorded.</param>
/// <param name="FactVersion">That event's version.</param>
/// <param name="TodayReason">What today's state and rules answer for the same entry facts.</param>
/// <param name="WouldDecideDifferentlyToday">Whether today's answer differs from the audited one.</param>
public sealed record DecisionReplay(
    Guid DecisionId,
    string EntryId,
    string AuditedReason,
    string ReplayedReason,
    bool Reproduced,
    long StateVersion,
    string RuleSetVersion,
    string? Flags,
    string DecidingFact,
    string? FactRecordedBy,
    DateTimeOffset? FactRecordedAt,
    long? FactVersion,
    string TodayReason,
    bool WouldDecideDifferentlyToday)
{
    /// <summary>A replay that does not reproduce the audited answer (and could be replayed): a severe finding.</summary>
    public bool IsMismatch => !Reproduced && ReplayedReason.Length > 0;
}
