using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RecordAccess.Core.Policy;
using RecordAccess.Core.Safety;
using RecordAccess.Storage.Model;

namespace RecordAccess.Storage;

/// <summary>
/// The incident log (<c>incidents</c>, <c>incident_replays</c>; decision 0113): inserts only, through the EF model (incidents
/// are few; this is not a hot path). A retry with the same idempotency key and fingerprint returns the incident stored
/// first; the unique index on the key settles two tries racing.
/// </summary>
public abstract partial class PolicyStore : IIncidentStore
{
    /// <inheritdoc />
    public async Task<IncidentWrite> RecordAsync(Incident incident, IReadOnlyList<DecisionReplay> replays, string? idempotencyKey, string fingerprint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(replays);
        if (idempotencyKey is not null && await FindByKeyAsync(idempotencyKey, fingerprint, cancellationToken).ConfigureAwait(false) is { } earlier)
        {
            return earlier;
        }

        var row = ToRow(incident, idempotencyKey, fingerprint);
        var context = CreateContext();
        await using (context.ConfigureAwait(false))
        {
            context.Incidents.Add(row);
            context.IncidentReplays.AddRange(replays.Select((r, i) => ToRow(incident.Id, i, r)));
            try
            {
                await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DbUpdateException) when (idempotencyKey is not null)
            {
                // Another try with the same key committed first.
                if (await FindByKeyAsync(idempotencyKey, fingerprint, cancellationToken).ConfigureAwait(false) is { } raced)
                {
                    return raced;
                }

                throw;
            }
        }

        return new IncidentWrite(IncidentWriteStatus.Recorded, new StoredIncident(incident with { Sequence = row.Sequence }, replays));
    }

    /// <inheritdoc />
    public async Task<StoredIncident?> ReadIncidentAsync(Guid incidentId, CancellationToken cancellationToken = default)
    {
        var id = incidentId.ToString();
        var context = CreateContext();
        await using (context.ConfigureAwait(false))
        {
            var row = await context.Incidents.AsNoTracking().SingleOrDefaultAsync(i => i.IncidentId == id, cancellationToken).ConfigureAwait(false);
            if (row is null)
            {
                return null;
            }

            var replays = await context.IncidentReplays.AsNoTracking().Where(r => r.IncidentId == id).ToListAsync(cancellationToken).ConfigureAwait(false);
            return new StoredIncident(ToIncident(row), [.. replays.OrderBy(r => r.Position).Select(ToReplay)]);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Incident>> ReadIncidentsAsync(string? ods, DateTimeOffset start, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        var context = CreateContext();
        await using (context.ConfigureAwait(false))
        {
            var query = context.Incidents.AsNoTracking();
            if (ods is not null)
            {
                query = query.Where(i => i.Ods == ods);
            }

            // The period is filtered here: SQLite cannot compare DateTimeOffset in SQL (as the audit reads).
            var rows = await query.OrderBy(i => i.Sequence).ToListAsync(cancellationToken).ConfigureAwait(false);
            return [.. rows.Where(r => r.RecordedAt >= start && r.RecordedAt < until).Select(ToIncident)];
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<(Guid IncidentId, DecisionReplay Replay)>> ReadReplaysAsync(IReadOnlyList<Guid> incidentIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(incidentIds);
        var ids = incidentIds.Select(i => i.ToString()).ToList();
        var context = CreateContext();
        await using (context.ConfigureAwait(false))
        {
            var rows = await context.IncidentReplays.AsNoTracking().Where(r => ids.Contains(r.IncidentId)).ToListAsync(cancellationToken).ConfigureAwait(false);
            return [.. rows.OrderBy(r => r.IncidentId, StringComparer.Ordinal).ThenBy(r => r.Position).Select(r => (Guid.Parse(r.IncidentId), ToReplay(r)))];
        }
    }

    private async Task<IncidentWrite?> FindByKeyAsync(string key, string fingerprint, CancellationToken cancellationToken)
    {
        Guid incidentId;
        var context = CreateContext();
        await using (context.ConfigureAwait(false))
        {
            var row = await context.Incidents.AsNoTracking().SingleOrDefaultAsync(i => i.IdempotencyKey == key, cancellationToken).ConfigureAwait(false);
            if (row is null)
            {
                return null;
            }

            if (!string.Equals(row.Fingerprint, fingerprint, StringComparison.Ordinal))
            {
                return new IncidentWrite(IncidentWriteStatus.KeyConflict, null);
            }

            incidentId = Guid.Parse(row.IncidentId);
        }

        return new IncidentWrite(IncidentWriteStatus.AlreadyRecorded, await ReadIncidentAsync(incidentId, cancellationToken).ConfigureAwait(false));
    }

    private static IncidentRow ToRow(Incident incident, string? key, string fingerprint) => new()
    {
        IncidentId = incident.Id.ToString(),
        RecordedAt = Utc(incident.RecordedAt),
        Ods = incident.Ods,
        NhsNumber = incident.NhsNumber,
        Category = incident.Report.Category.ToString(),
        Harm = incident.Report.Harm.ToString(),
        Outcome = incident.Report.Outcome.ToString(),
        Description = incident.Report.Description,
        OccurredAt = Utc(incident.Report.OccurredAt),
        DecisionIds = JsonSerializer.Serialize(incident.Report.DecisionIds.Select(d => d.ToString()).ToArray()),
        EntryIds = JsonSerializer.Serialize(incident.Report.EntryIds.ToArray()),
        ActorKind = incident.RecordedBy.Kind.ToString(),
        ActorId = incident.RecordedBy.Id,
        ActorOds = incident.RecordedBy.Ods,
        ActorRole = incident.RecordedBy.Role,
        IdempotencyKey = key,
        Fingerprint = fingerprint,
    };

    private static IncidentReplayRow ToRow(Guid incidentId, int position, DecisionReplay r) => new()
    {
        IncidentId = incidentId.ToString(),
        Position = position,
        DecisionId = r.DecisionId.ToString(),
        EntryId = r.EntryId,
        AuditedReason = r.AuditedReason,
        ReplayedReason = r.ReplayedReason,
        Reproduced = r.Reproduced,
        StateVersion = r.StateVersion,
        RuleSetVersion = r.RuleSetVersion,
        Flags = r.Flags,
        DecidingFact = r.DecidingFact,
        FactRecordedBy = r.FactRecordedBy,
        FactRecordedAt = r.FactRecordedAt is { } at ? at.ToUniversalTime() : null,
        FactVersion = r.FactVersion,
        TodayReason = r.TodayReason,
        DiffersToday = r.WouldDecideDifferentlyToday,
    };

    private static Incident ToIncident(IncidentRow row) => new(
        Guid.Parse(row.IncidentId),
        row.Ods,
        row.NhsNumber,
        new IncidentReport(
            Enum.Parse<IncidentCategory>(row.Category),
            Enum.Parse<HarmLevel>(row.Harm),
            Enum.Parse<IncidentOutcome>(row.Outcome),
            row.Description,
            row.OccurredAt,
            [.. (JsonSerializer.Deserialize<string[]>(row.DecisionIds) ?? []).Select(Guid.Parse)],
            JsonSerializer.Deserialize<string[]>(row.EntryIds) ?? []),
        new Actor(Enum.Parse<ActorKind>(row.ActorKind), row.ActorId, row.ActorOds, row.ActorRole),
        row.RecordedAt,
        row.Sequence);

    private static DecisionReplay ToReplay(IncidentReplayRow r) => new(
        Guid.Parse(r.DecisionId), r.EntryId, r.AuditedReason, r.ReplayedReason, r.Reproduced, r.StateVersion, r.RuleSetVersion, r.Flags,
        r.DecidingFact, r.FactRecordedBy, r.FactRecordedAt, r.FactVersion, r.TodayReason, r.DiffersToday);

    private static DateTimeOffset Utc(DateTimeOffset value) => value.ToUniversalTime();
}
