using RecordAccess.Core.Policy;

namespace RecordAccess.Core.Safety;

/// <summary>One recorded incident: never updated or deleted.</summary>
/// <param name="Id">The incident's id.</param>
/// <param name="Ods">The patient's practice when it was recorded.</param>
/// <param name="NhsNumber">The patient.</param>
/// <param name="Report">What the reporter gave.</param>
/// <param name="RecordedBy">Who recorded it.</param>
/// <param name="RecordedAt">When it was recorded.</param>
/// <param name="Sequence">Its position in the incident log (assigned by the store; 0 before it is stored).</param>
public sealed record Incident(Guid Id, string Ods, string NhsNumber, IncidentReport Report, Actor RecordedBy, DateTimeOffset RecordedAt, long Sequence);
