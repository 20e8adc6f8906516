using RecordAccess.Core.Model;

namespace RecordAccess.Core.Engine;

/// <summary>The patient-level answer (rules 0–7 and the access dates), for surfaces that ask before any entry.</summary>
public static partial class DecisionEngine
{
    /// <summary>
    /// The patient-level answer for <paramref name="request"/>; its entries are not read. It agrees with
    /// <see cref="Evaluate(DecisionRequest)"/>: when the reason is not <see cref="ReasonCode.Visible"/>, every entry
    /// that is valid on its own is answered with that reason (rule order is strict), and when it is, a final,
    /// unredacted, unlabelled entry without a parent or (2025.1) an online-access code, recorded on or after the access start, is visible.
    /// </summary>
    /// <param name="request">The request (entries may be empty).</param>
    public static PatientAccess EvaluatePatient(DecisionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (RequestValidator.FindProblem(request) is { } problem)
        {
            return new PatientAccess(ReasonCode.DecisionUnavailable, null, null, problem, request.RuleSet);
        }

        var verdict = PatientVerdict.Of(request);
        var historic = request.Patient!.HistoricFromDate;
        DateOnly? historicFrom = historic.IsValid ? historic.Value : null;
        return new PatientAccess(verdict.Reason, verdict.AccessStart, historicFrom, null, request.RuleSet);
    }
}
