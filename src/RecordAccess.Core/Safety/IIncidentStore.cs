namespace RecordAccess.Core.Safety;

/// <summary>
/// The append-only incident log and the replays stored beside each incident (implemented by RecordAccess.Storage).
/// Nothing is ever updated or deleted.
/// </summary>
public interface IIncidentStore
{
    /// <summary>
    /// Stores the incident and its replays in one transaction, assigning <see cref="Incident.Sequence"/>. With an
    /// idempotency key already used: the incident stored then (<see cref="IncidentWriteStatus.AlreadyRecorded"/>) when the
    /// fingerprint matches, else <see cref="IncidentWriteStatus.KeyConflict"/>; nothing is stored either way.
    /// </summary>
    Task<IncidentWrite> RecordAsync(Incident incident, IReadOnlyList<DecisionReplay> replays, string? idempotencyKey, string fingerprint, CancellationToken cancellationToken = default);

    /// <summary>One incident with its stored replays, or null.</summary>
    Task<StoredIncident?> ReadIncidentAsync(Guid incidentId, CancellationToken cancellationToken = default);

    /// <summary>Incidents recorded in [start, until) for one practice or all (null), in sequence order.</summary>
    Task<IReadOnlyList<Incident>> ReadIncidentsAsync(string? ods, DateTimeOffset start, DateTimeOffset until, CancellationToken cancellationToken = default);

    /// <summary>The stored replays of the given incidents.</summary>
    Task<IReadOnlyList<(Guid IncidentId, DecisionReplay Replay)>> ReadReplaysAsync(IReadOnlyList<Guid> incidentIds, CancellationToken cancellationToken = default);
}

/// <summary>An incident with the replays stored beside it.</summary>
public sealed record StoredIncident(Incident Incident, IReadOnlyList<DecisionReplay> Replays);

/// <summary>What <see cref="IIncidentStore.RecordAsync"/> did.</summary>
public sealed record IncidentWrite(IncidentWriteStatus Status, StoredIncident? Stored);

/// <summary>Whether an incident was stored now, had been stored by an earlier try, or its key was used for another report.</summary>
public enum IncidentWriteStatus
{
    /// <summary>Stored now.</summary>
    Recorded,

    /// <summary>A retry: the earlier incident is returned, nothing stored.</summary>
    AlreadyRecorded,

    /// <summary>The key was used for a different report: nothing stored.</summary>
    KeyConflict,
}
