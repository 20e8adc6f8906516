using RecordAccess.Core.Model;
using RecordAccess.Core.Policy;
using RecordAccess.Server.Decisions;

namespace RecordAccess.Server.Fhir.Patient;

/// <summary>
/// The patient operations' way into the one <see cref="DecisionPath"/> (decision 0090), and the mapping of its outcomes
/// to OperationOutcomes: the path reads the state once, authorises, decides and audits with the rollout switches exactly
/// as the gRPC gate does. An unknown patient is 404; state unusable as a whole 422 <c>business-rule</c> (data faults,
/// never a withholding cause); stale state or an unwritable audit 503 with nothing shown (decision F3): an empty result
/// would tell the patient "there is nothing to see", which is untrue.
/// </summary>
internal sealed class PatientGate(DecisionPath decisions)
{
    /// <summary>Visible or not, per entry in request order (reasons never leave the gate on this surface), or the result to answer instead.</summary>
    /// <remarks>
    /// <c>settle</c>, optional, is given the request as it will be decided and returns the facts to decide and audit
    /// ($filter chooses among an entry's parent links, decision 0087).
    /// </remarks>
    public async Task<PatientDecisions> DecideAsync(PatientContext patient, IReadOnlyList<EntryFacts> entries, CancellationToken cancellationToken,
        Func<DecisionRequest, DecisionRequest>? settle = null)
    {
        ArgumentNullException.ThrowIfNull(patient);
        var outcome = await decisions.DecideAsync(patient.Question(entries) with { Settle = settle }, cancellationToken).ConfigureAwait(false);
        return outcome is DecisionOutcome<GateAnswer>.Decided { Answer: var answer }
            ? new([.. answer.Decisions.Select(d => d.Visible)], null)
            : new(null, Refusal(outcome));
    }

    /// <summary>The patient-level answer, from the same computation as GetPatientAccess.</summary>
    public Task<DecisionOutcome<GateAccessAnswer>> AccessAsync(PatientContext patient, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patient);
        return decisions.AccessAsync(patient.Question([]), cancellationToken);
    }

    /// <summary>The OperationOutcome of an outcome that is not decided.</summary>
    public static FhirResult Refusal<T>(DecisionOutcome<T> outcome) => outcome switch
    {
        DecisionOutcome<T>.Refused { Refusal.Kind: RefusalKind.NotEntitled } =>
            FhirOutcomes.NotFound("No GP registration is held for this NHS number, so record access cannot be decided."),
        DecisionOutcome<T>.Refused { Refusal: { Kind: RefusalKind.Undecidable } refusal } =>
            FhirOutcomes.Unprocessable($"Record access cannot be decided: the practice settings or registration held for this patient are unusable ({refusal.Detail})", code: "business-rule"),
        _ => FhirOutcomes.Unavailable("Record access cannot be decided right now; nothing is shown. Try again shortly."),
    };
}
