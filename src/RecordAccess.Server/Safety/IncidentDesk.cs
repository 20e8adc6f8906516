using RecordAccess.Core.Identifiers;
using RecordAccess.Core.Policy;
using RecordAccess.Core.Policy.Audit;
using RecordAccess.Core.Policy.Events;
using RecordAccess.Core.Safety;
using RecordAccess.Server.Decisions;
using RecordAccess.Server.Identity;
using RecordAccess.Server.Policy;

namespace RecordAccess.Server.Safety;

/// <summary>
/// Incidents (issue 15, contract B): records them for a patient of the caller's practice (no existence oracle, decision
/// 0090), replays every decision they name as of its time and stores the replays beside them, and reports and exports
/// them per practice or nationally. Used by the admin gRPC service (<c>RecordAccessSafety</c>) and the staff pages.
/// </summary>
internal sealed partial class IncidentDesk(PolicyRuntime runtime, PolicyFreshness freshness, DecisionReplayer replayer, NearMissFinder nearMisses, TimeProvider clock, ILogger<IncidentDesk> logger)
{
    /// <summary>Records an incident for a patient of the actor's practice (staff: their practice; suppliers: see the <see cref="Caller"/> overload).</summary>
    public async Task<DecisionOutcome<Incident>> RecordAsync(Actor actor, string nhsNumber, IncidentReport report, CancellationToken ct)
    {
        var outcome = await RecordAsync(CallerOf(actor), nhsNumber, report, null, ct).ConfigureAwait(false);
        return outcome is DecisionOutcome<IncidentRecording>.Decided { Answer: var recorded } decided
            ? new DecisionOutcome<Incident>.Decided(recorded.Incident, decided.Request)
            : outcome.As<Incident>();
    }

    /// <summary>Records an incident; a retry with the same <paramref name="idempotencyKey"/> and report records it once.</summary>
    public async Task<DecisionOutcome<IncidentRecording>> RecordAsync(Caller caller, string nhsNumber, IncidentReport report, string? idempotencyKey, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(report);
        if (freshness.FindProblem() is { } stale)
        {
            return new DecisionOutcome<IncidentRecording>.Unavailable(stale);
        }

        if (!NhsNumber.TryParse(nhsNumber, out _, out _))
        {
            return Invalid<IncidentRecording>("nhs_number", "is not a valid NHS number");
        }

        // One answer for an unknown patient and another practice's (decision 0090).
        if (runtime.State.FindPatient(nhsNumber) is not { Ods: { } ods } || !caller.MayAdminister(ods))
        {
            return new DecisionOutcome<IncidentRecording>.Refused(Refusal.NotEntitled);
        }

        var history = await replayer.HistoryAsync(nhsNumber, ct).ConfigureAwait(false);
        var audited = await replayer.AuditTrailAsync(nhsNumber, ct).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        if (IncidentValidation.FindProblem(report, now, RegistrationEra(history, nhsNumber)) is { } problem)
        {
            return Invalid<IncidentRecording>(problem.Field, problem.Message);
        }

        var named = new List<DecisionAuditRecord>();
        foreach (var id in report.DecisionIds)
        {
            if (!audited.TryGetValue(id, out var record))
            {
                return Invalid<IncidentRecording>("decision_ids", $"decision {id} was not audited for this patient");
            }

            named.Add(record);
        }

        var known = (named.Count > 0 ? named : audited.Values).SelectMany(r => r.Decisions).Select(d => d.EntryId).ToHashSet(StringComparer.Ordinal);
        if (report.EntryIds.FirstOrDefault(e => !known.Contains(e)) is { } unknownEntry)
        {
            return Invalid<IncidentRecording>("entry_ids", $"entry '{Quote(unknownEntry)}' appears in none of {(named.Count > 0 ? "the named decisions" : "the patient's audited decisions")}");
        }

        var replays = new List<DecisionReplay>();
        foreach (var record in named)
        {
            replays.AddRange(await replayer.ReplayAsync(caller, record, history, OnlyEntries(report.EntryIds, record), ct).ConfigureAwait(false));
        }

        var incident = new Incident(Guid.CreateVersion7(now), ods, nhsNumber, report, caller.ToActor(), now, 0);
        var written = await runtime.Store.RecordAsync(incident, replays, idempotencyKey, IncidentValidation.Fingerprint(nhsNumber, report), ct).ConfigureAwait(false);
        switch (written.Status)
        {
            case IncidentWriteStatus.KeyConflict:
                return Invalid<IncidentRecording>("idempotency_key", "was already used for a different incident report");
            case IncidentWriteStatus.Recorded:
                var mismatches = replays.Count(r => r.IsMismatch);
                LogRecorded(incident.Id, ods, incident.Report.Category, incident.Report.Harm, mismatches);
                break;
        }

        var stored = written.Stored!;
        return new DecisionOutcome<IncidentRecording>.Decided(new IncidentRecording(stored.Incident, stored.Replays, written.Status == IncidentWriteStatus.AlreadyRecorded), null!);
    }

    /// <summary>An incident and its stored replays, when the actor may see it (its practice's staff); otherwise null (no oracle).</summary>
    public Task<(Incident Incident, IReadOnlyList<DecisionReplay> Replays)?> GetAsync(Actor actor, Guid incidentId, CancellationToken ct) =>
        GetAsync(CallerOf(actor), incidentId, ct);

    public async Task<(Incident Incident, IReadOnlyList<DecisionReplay> Replays)?> GetAsync(Caller caller, Guid incidentId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var stored = await runtime.Store.ReadIncidentAsync(incidentId, ct).ConfigureAwait(false);
        return stored is not null && (caller.MayAdminister(stored.Incident.Ods) || SafetyAccess.IsNational(caller)) ? (stored.Incident, stored.Replays) : null;
    }

    /// <summary>Incidents recorded in [from, to) for one practice or nationally (null); the caller's scope is checked by the edge.</summary>
    public Task<IReadOnlyList<Incident>> ListAsync(string? ods, DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        runtime.Store.ReadIncidentsAsync(ods, from, to, ct);

    /// <summary>Replays one audited decision of a patient the actor may act for; empty when there is none (no oracle).</summary>
    public Task<IReadOnlyList<DecisionReplay>> ReplayAsync(Actor actor, Guid decisionId, CancellationToken ct) =>
        ReplayAsync(CallerOf(actor), decisionId, ct);

    public async Task<IReadOnlyList<DecisionReplay>> ReplayAsync(Caller caller, Guid decisionId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (await replayer.ReadDecisionAsync(decisionId, ct).ConfigureAwait(false) is not { } record)
        {
            return [];
        }

        var ods = runtime.State.FindPatient(record.NhsNumber)?.Ods;
        if (!SafetyAccess.IsNational(caller) && (ods is null || !caller.MayAdminister(ods)))
        {
            return [];
        }

        var history = await replayer.HistoryAsync(record.NhsNumber, ct).ConfigureAwait(false);
        return await replayer.ReplayAsync(caller, record, history, null, ct).ConfigureAwait(false);
    }

    /// <summary>Counts by category × harm × outcome, near misses by kind, and replay mismatches, for one practice or nationally (null).</summary>
    public async Task<SafetyReport> ReportAsync(string? ods, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var incidents = await runtime.Store.ReadIncidentsAsync(ods, from, to, ct).ConfigureAwait(false);
        var cells = incidents
            .GroupBy(i => (i.Report.Category, i.Report.Harm, i.Report.Outcome))
            .OrderBy(g => g.Key)
            .Select(g => new IncidentCount(g.Key.Category, g.Key.Harm, g.Key.Outcome, g.Count()))
            .ToList();
        var replays = incidents.Count == 0 ? [] : await runtime.Store.ReadReplaysAsync([.. incidents.Select(i => i.Id)], ct).ConfigureAwait(false);
        var nearMisses = await CountNearMissesAsync(ods, from, to, ct).ConfigureAwait(false);
        return new SafetyReport(ods, from, to, incidents, cells, nearMisses, replays.Count(r => r.Replay.IsMismatch));
    }

    /// <summary>The report as CSV (RFC 4180; see <c>docs/safety-reports.md</c>).</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Contract B: an instance member of the desk.")]
    public string ExportCsv(SafetyReport report) => SafetyExport.Csv(report);

    /// <summary>The report's counts as a second CSV (see <c>docs/safety-reports.md</c>).</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Beside the contract's exports.")]
    public string ExportSummaryCsv(SafetyReport report) => SafetyExport.SummaryCsv(report);

    /// <summary>The report as a FHIR R4 JSON Bundle of profiled AuditEvents (see <c>docs/safety-reports.md</c>).</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Contract B: an instance member of the desk.")]
    public string ExportFhir(SafetyReport report) => SafetyExport.Fhir(report);

    private async Task<IReadOnlyList<NearMissCount>> CountNearMissesAsync(string? ods, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var found = await nearMisses.ListAsync(ods, from, to, ct).ConfigureAwait(false);
        return [.. found.GroupBy(n => n.Kind).OrderBy(g => g.Key).Select(g => new NearMissCount(g.Key.ToString(), g.Count()))];
    }

    private static Caller CallerOf(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Kind switch
        {
            ActorKind.Staff => new Caller(CallerKind.Staff, actor.Id, Ods: actor.Ods, Role: actor.Role),

            // An actor carries no practices or scopes: a supplier is entitled to no patient through this overload.
            _ => new Caller(CallerKind.Supplier, actor.Id),
        };
    }

    private static DecisionOutcome<T> Invalid<T>(string field, string detail) =>
        new DecisionOutcome<T>.Refused(new Refusal(RefusalKind.InvalidInput, field, detail));

    private static HashSet<string>? OnlyEntries(IReadOnlyList<string> entryIds, DecisionAuditRecord record)
    {
        // Named entries narrow the replay to them when the decision holds any of them; otherwise every entry is replayed.
        var inRecord = entryIds.Where(e => record.Decisions.Any(d => d.EntryId == e)).ToHashSet(StringComparer.Ordinal);
        return inRecord.Count > 0 ? inRecord : null;
    }

    private static DateTimeOffset? RegistrationEra(IReadOnlyList<RecordedEvent> history, string nhsNumber)
    {
        var first = history.Select(e => e.Event.Change).OfType<PatientRegistered>().Where(r => r.NhsNumber == nhsNumber).Select(r => (DateOnly?)r.RegistrationDate).Min();
        return first is { } date ? new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(-1) : null;
    }

    private static string Quote(string value) => value.Length > 64 ? value[..64] + "…" : value;

    [LoggerMessage(EventId = 1500, Level = LogLevel.Information, Message = "Incident {IncidentId} recorded for practice {Ods}: {Category}, {Harm}; {Mismatches} replay mismatch(es).")]
    private partial void LogRecorded(Guid incidentId, string ods, IncidentCategory category, HarmLevel harm, int mismatches);
}

/// <summary>An incident as recorded (or found again on a retry: <paramref name="Replayed"/>), with its stored replays.</summary>
internal sealed record IncidentRecording(Incident Incident, IReadOnlyList<DecisionReplay> Replays, bool Replayed);
