namespace RecordAccess.Core.Safety;

/// <summary>One near miss found by the service (issue 15 item 3; decision 0118).</summary>
/// <param name="Kind">What kind of near miss.</param>
/// <param name="OccurredAt">When it happened (the decision, the refusal, or the lifting change).</param>
/// <param name="Ods">The practice it belongs to, when known; null for a runtime event no practice can be named for.</param>
/// <param name="NhsNumber">The patient, when known.</param>
/// <param name="DecisionId">The audited decision it concerns (links to its replay), when there is one.</param>
/// <param name="Detail">What happened, in staff wording (never shown to the patient).</param>
public sealed record NearMiss(NearMissKind Kind, DateTimeOffset OccurredAt, string? Ods, string? NhsNumber, Guid? DecisionId, string Detail);
