namespace RecordAccess.Core.Safety;

/// <summary>What the reporter gives (validated by <see cref="IncidentValidation"/> before anything is stored).</summary>
/// <param name="Category">What kind of incident.</param>
/// <param name="Harm">The harm level.</param>
/// <param name="Outcome">Near miss or harm.</param>
/// <param name="Description">Free text (1 to <see cref="IncidentValidation.MaxDescriptionLength"/> characters).</param>
/// <param name="OccurredAt">When it happened (not in the future).</param>
/// <param name="DecisionIds">The audited decisions involved (each audited for this patient).</param>
/// <param name="EntryIds">The entries involved (each in those decisions or in the patient's audit trail).</param>
public sealed record IncidentReport(
    IncidentCategory Category,
    HarmLevel Harm,
    IncidentOutcome Outcome,
    string Description,
    DateTimeOffset OccurredAt,
    IReadOnlyList<Guid> DecisionIds,
    IReadOnlyList<string> EntryIds);
