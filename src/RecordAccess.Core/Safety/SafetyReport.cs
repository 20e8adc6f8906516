namespace RecordAccess.Core.Safety;

/// <summary>Incidents and near misses of one practice (or national: <see cref="Ods"/> null) in [<see cref="From"/>, <see cref="To"/>).</summary>
/// <param name="Ods">The practice, or null for national.</param>
/// <param name="From">Start of the period (inclusive).</param>
/// <param name="To">End of the period (exclusive).</param>
/// <param name="Incidents">The incidents recorded in the period (by occurrence... see <c>docs/safety-reports.md</c>), in sequence order.</param>
/// <param name="ByCategoryAndHarm">Incident counts by category × harm level × outcome (only non-zero cells).</param>
/// <param name="NearMissesByKind">Automatically found near misses by kind (contract C <c>NearMissKind</c> name), only non-zero.</param>
/// <param name="ReplayMismatches">Replays stored with these incidents that did not reproduce the audited answer.</param>
public sealed record SafetyReport(
    string? Ods,
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlyList<Incident> Incidents,
    IReadOnlyList<IncidentCount> ByCategoryAndHarm,
    IReadOnlyList<NearMissCount> NearMissesByKind,
    int ReplayMismatches);

/// <summary>One cell of the category × harm table.</summary>
public sealed record IncidentCount(IncidentCategory Category, HarmLevel Harm, IncidentOutcome Outcome, int Count);

/// <summary>Near misses of one kind (the <c>NearMissKind</c> name).</summary>
public sealed record NearMissCount(string Kind, int Count);
