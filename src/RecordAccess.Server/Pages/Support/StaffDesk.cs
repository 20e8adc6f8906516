using RecordAccess.Core.Engine;
using RecordAccess.Core.Explain;
using RecordAccess.Core.Model;
using RecordAccess.Core.Policy;
using RecordAccess.Core.Policy.Admin;
using RecordAccess.Core.Policy.Events;
using RecordAccess.Server.Gate;
using RecordAccess.Server.Identity;
using RecordAccess.Server.Policy;

namespace RecordAccess.Server.Pages.Support;

/// <summary>
/// What the staff pages read, through the same Core code as gRPC and FHIR: the state this server follows (refused
/// when it may be stale), the rollout switches resolved for the caller, <see cref="PolicyGate"/> for audited answers
/// and explanations (<see cref="DecisionExplainer"/>), and <see cref="PolicyAdmin"/> for previews. No rule is
/// computed here.
/// </summary>
internal sealed class StaffDesk(PolicyRuntime runtime, PolicyFreshness freshness, RolloutSwitches switches, TimeProvider clock)
{
    /// <summary>The id of the probe entry that asks the patient-level question (an entry recorded today).</summary>
    public const string ProbeId = "$record-access";

    public PolicyAdmin Admin => runtime.Admin;

    public DateOnly Today => UkCalendar.Today(clock);

    /// <summary>Why the state cannot be trusted now (pages answer 503), or null.</summary>
    public string? Unavailable => freshness.FindProblem();

    public PracticeOverview Overview(string ods)
    {
        var state = runtime.State;
        var overview = new PracticeOverview { Ods = ods, Practice = state.FindPractice(ods), Version = state.Version, WithAccessToday = runtime.Admin.PatientsWithAccessToday(ods) };
        foreach (var nhs in state.PatientsOf(ods))
        {
            if (state.FindPatient(nhs) is not { } patient)
            {
                continue;
            }

            overview.Patients++;
            var latest = patient.Codes.Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
            overview.Declined += latest.Contains("1290331000000103") ? 1 : 0;
            overview.ReviewIndicated += latest.Contains("1364731000000104") ? 1 : 0;
            overview.ReviewNotIndicated += latest.Contains("1364751000000106") ? 1 : 0;
            overview.Restricted += patient.Restricted ? 1 : 0;
            overview.Flagged += patient.SafeguardingFlags.Count > 0 ? 1 : 0;
            overview.RedactedEntries += patient.RedactedEntries.Count;
        }

        return overview;
    }

    /// <summary>The practice's latest changes (newest first), read from the log.</summary>
    public async Task<IReadOnlyList<RecordedEvent>> RecentChangesAsync(string ods, int count, CancellationToken cancellationToken)
    {
        var state = runtime.State;
        var from = Math.Max(0, state.Version - 500);
        var page = await runtime.Store.ReadPageAsync(from, 500, cancellationToken).ConfigureAwait(false);
        return [.. page.Where(e => e.Event.Change switch
        {
            PracticeChange p => p.Ods == ods,
            PatientChange p => state.FindPatient(p.NhsNumber)?.Ods == ods,
            _ => false,
        }).Reverse().Take(count)];
    }

    /// <summary>A patient of the caller's practice, or none (not registered, or registered where the caller may not act: one answer).</summary>
    public PatientLookup Find(Caller caller, string nhs)
    {
        // Null for an unknown patient and for one the caller may not act for alike: no existence oracle (decision 0090).
        var patient = runtime.State.FindPatient(nhs);
        return new PatientLookup(patient?.Ods is not null && caller.MayAdminister(patient.Ods) ? patient : null);
    }

    /// <summary>The patient-level answer (audited, as the patient app gets it) and its staff explanation (audited).</summary>
    public async Task<PatientAnswer> AnswerAsync(Caller caller, string nhs, CancellationToken cancellationToken)
    {
        var rollout = await switches.ResolveAsync(caller, cancellationToken).ConfigureAwait(false);
        var probe = new EntryFacts { Id = ProbeId, RecordedDate = InputDate.Of(Today), Kind = EntryKind.Consultation, Status = EntryStatus.Final };
        var request = freshness.State.BuildRequest(nhs, Today, [probe], rollout.WithholdAll, out var version);
        var access = await runtime.Gate.AccessAsync(caller.AuditName, request, version, rollout.Flags, cancellationToken).ConfigureAwait(false);
        var explained = await runtime.Gate.ExplainAsync(caller.AuditName, request, version, rollout.Flags, ProbeId, cancellationToken).ConfigureAwait(false);
        return new PatientAnswer(access.Access, explained?.Explanation, version, access.AuditFailed || explained?.AuditFailed == true);
    }

    /// <summary>Every entry's answer (audited, as the gate gives it) and its explanation with the chain of parents.</summary>
    /// <remarks>
    /// <c>settle</c>, optional, chooses among each entry's parent links as <c>$filter</c> does (a pasted Bundle's
    /// <see cref="Fhir.Mapping.ParentLinks.Settle"/>, decision 0087): the settled request is decided, audited and explained.
    /// </remarks>
    public async Task<RecordAnswer> RecordAsync(Caller caller, string nhs, IReadOnlyList<EntryFacts> entries, CancellationToken cancellationToken,
        Func<DecisionRequest, DecisionRequest>? settle = null)
    {
        var rollout = await switches.ResolveAsync(caller, cancellationToken).ConfigureAwait(false);
        var request = freshness.State.BuildRequest(nhs, Today, entries, rollout.WithholdAll, out var version);
        request = settle?.Invoke(request with { RuleSet = rollout.Flags.Deciding }) ?? request;
        var answer = await runtime.Gate.DecideAsync(caller.AuditName, request, version, rollout.Flags, cancellationToken).ConfigureAwait(false);
        var live = request with { RuleSet = rollout.Flags.Deciding };
        var explanations = entries.Select((_, i) => DecisionExplainer.Explain(live, i)).ToList();
        return new RecordAnswer(answer, explanations);
    }

    /// <summary>The patient's changes and decisions (newest first).</summary>
    public async Task<(IReadOnlyList<RecordedEvent> Changes, IReadOnlyList<Core.Policy.Audit.DecisionAuditRecord> Decisions)> HistoryAsync(string nhs, CancellationToken cancellationToken)
    {
        var changes = new List<RecordedEvent>();
        await foreach (var e in runtime.Store.ReadPatientHistoryAsync(nhs, cancellationToken).ConfigureAwait(false))
        {
            changes.Add(e);
        }

        var decisions = new List<Core.Policy.Audit.DecisionAuditRecord>();
        await foreach (var d in runtime.Store.ReadForPatientAsync(nhs, cancellationToken).ConfigureAwait(false))
        {
            decisions.Add(d);
        }

        changes.Reverse();
        return (changes, [.. decisions.OrderByDescending(d => d.RecordedAt).Take(50)]);
    }

    /// <summary>
    /// "Why was this entry visible on that date?": the patient's log replayed up to the end of <paramref name="date"/>
    /// (UK calendar day), then the entry explained as of that date by the explainer (not audited: no decision is given).
    /// </summary>
    public async Task<(EntryExplanation? Explanation, long Version)> ReplayAsync(string nhs, DateOnly date, EntryFacts entry, RuleSetVersion ruleSet, CancellationToken cancellationToken)
    {
        var events = new List<RecordedEvent>();
        await foreach (var e in runtime.Store.ReadPatientHistoryAsync(nhs, cancellationToken).ConfigureAwait(false))
        {
            events.Add(e);
        }

        var end = new DateTimeOffset(date.AddDays(1).ToDateTime(TimeOnly.MinValue), UkCalendar.Zone.GetUtcOffset(date.AddDays(1).ToDateTime(TimeOnly.MinValue)));
        using var state = PolicyState.Replay(events, before: end);
        var request = state.BuildRequest(nhs, date, [entry]) with { RuleSet = ruleSet };
        return (DecisionExplainer.Explain(request, 0), state.Version);
    }

    public async Task<RuleSetVersion> RuleSetAsync(Caller caller, CancellationToken cancellationToken) =>
        (await switches.ResolveAsync(caller, cancellationToken).ConfigureAwait(false)).Flags.Deciding;
}

internal sealed record PatientLookup(PatientView? Patient);

internal sealed record PatientAnswer(PatientAccess Access, EntryExplanation? Explanation, long Version, bool AuditFailed);

internal sealed record RecordAnswer(GateAnswer Answer, IReadOnlyList<EntryExplanation> Explanations);

internal sealed class PracticeOverview
{
    public required string Ods { get; init; }

    public PracticeRecord? Practice { get; init; }

    public long Version { get; init; }

    public int Patients { get; set; }

    public int WithAccessToday { get; init; }

    public int Declined { get; set; }

    public int ReviewIndicated { get; set; }

    public int ReviewNotIndicated { get; set; }

    public int Restricted { get; set; }

    public int Flagged { get; set; }

    public int RedactedEntries { get; set; }
}
