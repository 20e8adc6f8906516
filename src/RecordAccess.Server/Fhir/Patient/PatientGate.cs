using RecordAccess.Core.Model;
using RecordAccess.Server.Gate;
using RecordAccess.Server.Policy;

namespace RecordAccess.Server.Fhir.Patient;

/// <summary>
/// Decides a patient's entries through the audited gate, at the evaluation date the patient context was checked
/// at, with the rollout switches resolved for this call exactly as the gRPC gate resolves them (decision F9): the
/// national pause withholds everything, staged rules apply, and the flag snapshot is audited. If the audit cannot be
/// written the answer is 503 with nothing shown (decision F3): an empty result would tell the patient "there is
/// nothing to see", which is untrue.
/// </summary>
internal sealed class PatientGate(PolicyRuntime runtime, PolicyFreshness freshness, RolloutSwitches switches, TimeProvider clock)
{
    /// <remarks>
    /// <c>settle</c>, optional, is given the request as it will be decided (state read, rule set chosen) and returns it
    /// with the facts to decide and audit ($filter chooses among an entry's parent links, decision 0087).
    /// </remarks>
    public async Task<PatientDecisions> DecideAsync(PatientContext patient, IReadOnlyList<EntryFacts> entries, ILogger logger, string route, CancellationToken cancellationToken,
        Func<DecisionRequest, DecisionRequest>? settle = null)
    {
        ArgumentNullException.ThrowIfNull(patient);
        ArgumentNullException.ThrowIfNull(logger);
        var rollout = await switches.ResolveAsync(patient.Caller, cancellationToken).ConfigureAwait(false);
        var request = freshness.State.BuildRequest(patient.NhsNumber, patient.Today, entries, rollout.WithholdAll, out var version);
        request = settle?.Invoke(request with { RuleSet = rollout.Flags.Deciding }) ?? request;
        var started = clock.GetTimestamp();
        var answer = await runtime.Gate.DecideAsync(patient.Caller.AuditName, request, version, rollout.Flags, cancellationToken).ConfigureAwait(false);
        GateMetrics.Record(answer, clock.GetElapsedTime(started), "fhir");
        if (answer.AuditFailed)
        {
            FhirLog.AuditFailed(logger, route, answer.DecisionId);
            return new(null, FhirOutcomes.Unavailable("Record access cannot be decided right now; nothing is shown. Try again shortly."));
        }

        return new([.. answer.Decisions.Select(d => d.Visible)], null);
    }
}
