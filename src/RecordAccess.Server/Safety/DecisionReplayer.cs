using RecordAccess.Core.Engine;
using RecordAccess.Core.Explain;
using RecordAccess.Core.Model;
using RecordAccess.Core.Policy;
using RecordAccess.Core.Policy.Audit;
using RecordAccess.Core.Policy.Events;
using RecordAccess.Core.Safety;
using RecordAccess.Server.Gate;
using RecordAccess.Server.Identity;
using RecordAccess.Server.Policy;

namespace RecordAccess.Server.Safety;

/// <summary>
/// Replays audited decisions as of their time (decision 0114): the patient's log up to the audited state version
/// (<see cref="PolicyState.Replay"/>), the audited rule set and national pause, the entry facts and evaluation date the
/// compact audit stored, explained by <see cref="DecisionExplainer"/>; then today's state and rules for the same facts.
/// A replay that does not reproduce the audited reason is a severe finding: logged at error level and counted
/// (<c>recordaccess_replay_mismatches_total</c>).
/// </summary>
internal sealed partial class DecisionReplayer(PolicyRuntime runtime, RolloutSwitches switches, TimeProvider clock, ILogger<DecisionReplayer> logger)
{
    /// <summary>The deciding fact's wording for a record written before the compact audit.</summary>
    public const string NotReplayable = "cannot be replayed: written before the compact audit";

    public async Task<IReadOnlyList<RecordedEvent>> HistoryAsync(string nhsNumber, CancellationToken ct)
    {
        var events = new List<RecordedEvent>();
        await foreach (var e in runtime.Store.ReadPatientHistoryAsync(nhsNumber, ct).ConfigureAwait(false))
        {
            events.Add(e);
        }

        return events;
    }

    public async Task<IReadOnlyDictionary<Guid, DecisionAuditRecord>> AuditTrailAsync(string nhsNumber, CancellationToken ct)
    {
        var records = new Dictionary<Guid, DecisionAuditRecord>();
        await foreach (var r in runtime.Store.ReadForPatientAsync(nhsNumber, ct).ConfigureAwait(false))
        {
            records[r.DecisionId] = r;
        }

        return records;
    }

    public Task<DecisionAuditRecord?> ReadDecisionAsync(Guid decisionId, CancellationToken ct) => AuditedDecision.ReadAsync(runtime.Store, decisionId, ct);

    /// <summary>Every entry of the record (or only <paramref name="only"/>), replayed; mismatches logged and counted.</summary>
    public async Task<IReadOnlyList<DecisionReplay>> ReplayAsync(Caller caller, DecisionAuditRecord record, IReadOnlyList<RecordedEvent> history, IReadOnlySet<string>? only, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(record);
        var audited = record.Decisions.Where(d => only is null || only.Contains(d.EntryId)).ToList();
        var (entries, evaluationDate) = AuditedDecision.FactsOf(record);
        if (entries is null || evaluationDate is not { IsValid: true } date)
        {
            return [.. audited.Select(d => new DecisionReplay(record.DecisionId, d.EntryId, WireNames.Of(d.Reason), string.Empty, false, record.StateVersion,
                record.RuleSetVersion, record.Flags, NotReplayable, null, null, null, string.Empty, false))];
        }

        var ruleSet = record.RuleSetVersion.StartsWith(RuleSet.PreviousVersion, StringComparison.Ordinal) ? RuleSetVersion.V2024_1 : RuleSetVersion.V2025_1;
        var pause = record.Flags?.Contains("NationalPause=on", StringComparison.Ordinal) == true;
        using var then = PolicyState.Replay(history, upToVersion: record.StateVersion);
        var thenRequest = then.BuildRequest(record.NhsNumber, date.Value, entries, pause) with { RuleSet = ruleSet };

        var rollout = await switches.ResolveAsync(caller, ct).ConfigureAwait(false);
        var today = UkCalendar.Today(clock);
        var nowRequest = runtime.State.BuildRequest(record.NhsNumber, today, entries, rollout.WithholdAll) with { RuleSet = rollout.Flags.Deciding };

        var replays = new List<DecisionReplay>();
        foreach (var decision in audited)
        {
            var explained = DecisionExplainer.Explain(thenRequest, decision.EntryId);
            var todays = DecisionExplainer.Explain(nowRequest, decision.EntryId);
            var replayed = explained?.Decision.Reason;
            var fact = explained is null ? null : DecidingEvent(explained, history, record.StateVersion, decision.EntryId);
            var replay = new DecisionReplay(
                record.DecisionId,
                decision.EntryId,
                WireNames.Of(decision.Reason),
                replayed is { } r ? WireNames.Of(r) : "NOT_IN_AUDITED_FACTS",
                replayed == decision.Reason,
                record.StateVersion,
                record.RuleSetVersion,
                record.Flags,
                explained is null ? "the entry is not among the audited entry facts" : Describe(explained),
                fact?.Event.Actor.ToString(),
                fact?.Event.RecordedAt,
                fact?.Version,
                todays is null ? string.Empty : WireNames.Of(todays.Decision.Reason),
                todays is not null && todays.Decision.Reason != decision.Reason);
            if (replay.IsMismatch)
            {
                SafetyMetrics.ReplayMismatches.Add(1);
                LogMismatch(record.DecisionId, decision.EntryId, replay.AuditedReason, replay.ReplayedReason, record.StateVersion);
            }

            replays.Add(replay);
        }

        return replays;
    }

    /// <summary>The deciding rule in staff words: its number, reason and the facts it read.</summary>
    private static string Describe(EntryExplanation explained) => explained.DecidingCheck is { } check
        ? $"rule {check.Name} ({WireNames.Of(check.Reason)}): {check.Detail}"
        : "no rule withheld the entry: visible";

    /// <summary>The latest log event (at or before the audited version) that set the fact the deciding rule read; null for facts the supplier sent.</summary>
    private static RecordedEvent? DecidingEvent(EntryExplanation explained, IReadOnlyList<RecordedEvent> history, long version, string entryId)
    {
        if (explained.DecidingCheck is not { } check)
        {
            return null;
        }

        PolicyChangeKind[] kinds = check.Reason switch
        {
            ReasonCode.RolloutNotActive or ReasonCode.PracticeOptedOut => [PolicyChangeKind.PracticeSettingsChanged],
            ReasonCode.PatientUnder16 => [PolicyChangeKind.PatientRegistered],
            ReasonCode.PatientDeclined or ReasonCode.EnhancedReviewRequired => [PolicyChangeKind.PatientCodeRecorded],
            ReasonCode.RestrictedRiskOfHarm => [PolicyChangeKind.PatientRestricted],
            ReasonCode.SafeguardingFlag => [PolicyChangeKind.SafeguardingFlagRaised],
            ReasonCode.BeforeAccessStart => [PolicyChangeKind.IndividualStartDateSet, PolicyChangeKind.IndividualGrantGiven, PolicyChangeKind.HistoricAccessRevoked, PolicyChangeKind.PracticeSettingsChanged],
            ReasonCode.EntryRedacted => [PolicyChangeKind.EntryRedacted],
            _ => [],
        };
        return history.LastOrDefault(e => e.Version <= version
            && kinds.Contains(e.Event.Change.Kind)
            && (e.Event.Change is not EntryRedacted redacted || redacted.EntryId == entryId));
    }

    [LoggerMessage(EventId = 1501, Level = LogLevel.Error, Message = "SEVERE: replay of decision {DecisionId} entry {EntryId} does not reproduce the audit: audited {Audited}, replayed {Replayed} at state version {StateVersion}.")]
    private partial void LogMismatch(Guid decisionId, string entryId, string audited, string replayed, long stateVersion);
}
