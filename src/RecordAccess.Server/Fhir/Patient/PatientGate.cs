using RecordAccess.Core.Model;
using RecordAccess.Server.Policy;

namespace RecordAccess.Server.Fhir.Patient;

/// <summary>
/// Decides a patient's entries through the audited gate, at the evaluation date the patient context was checked
/// at. If the audit cannot be written the answer is 503 with nothing shown (decision F3): an empty result would
/// tell the patient "there is nothing to see", which is untrue.
/// </summary>
internal static class PatientGate
{
    public static async Task<PatientDecisions> DecideAsync(PolicyRuntime runtime, PatientContext patient, IReadOnlyList<EntryFacts> entries, ILogger logger, string route, CancellationToken cancellationToken)
    {
        var answer = await runtime.Gate.EvaluateAsync(patient.Caller.AuditName, patient.NhsNumber, entries, evaluationDate: patient.Today, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (answer.AuditFailed || answer.StateBehind)
        {
            FhirLog.AuditFailed(logger, route, answer.DecisionId);
            return new(null, FhirOutcomes.Unavailable("Record access cannot be decided right now; nothing is shown. Try again shortly."));
        }

        return new([.. answer.Decisions.Select(d => d.Visible)], null);
    }
}
