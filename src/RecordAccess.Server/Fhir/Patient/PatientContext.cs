using RecordAccess.Core.Engine;
using NhsNumberId = RecordAccess.Core.Identifiers.NhsNumber;
using RecordAccess.Core.Model;
using RecordAccess.Server.Identity;
using RecordAccess.Server.Policy;

namespace RecordAccess.Server.Fhir.Patient;

/// <summary>
/// The checks every patient operation starts with, in order: a valid token (401), a valid NHS number in the path
/// (400), the caller is that patient at P9 (403), and the policy state holds a usable registration for them
/// (404 unknown patient, 422 other whole-request rule 0 problems: these are data faults, never a withholding cause).
/// State that may be stale (<see cref="PolicyFreshness"/>) is UNAVAILABLE, answered 503 by the FHIR layer.
/// </summary>
internal sealed record PatientContext(Caller Caller, string NhsNumber, DateOnly Today, DecisionRequest Facts)
{
    public static PatientContextResult Resolve(HttpContext context, PolicyFreshness freshness, TimeProvider clock)
    {
        var caller = Caller.FromPrincipal(context.User);
        if (caller is null)
        {
            return new(null, FhirOutcomes.Unauthenticated());
        }

        var text = context.Request.RouteValues["nhsNumber"] as string;
        if (!NhsNumberId.TryParse(text, out var nhs, out var error))
        {
            return new(null, FhirOutcomes.Invalid($"Patient id '{text}' is not an NHS number: {error}", "Patient.id", "value"));
        }

        if (!caller.MayReadOwnRecord(nhs.Value))
        {
            return new(null, FhirOutcomes.Forbidden("A patient may read only their own record, signed in with NHS login at identity proofing level P9."));
        }

        var today = UkCalendar.Today(clock);
        var facts = freshness.State.BuildRequest(nhs.Value, today, []);
        if (facts.Patient is null)
        {
            return new(null, FhirOutcomes.NotFound("No GP registration is held for this NHS number, so record access cannot be decided."));
        }

        if (RequestValidator.FindProblem(facts) is { } problem)
        {
            return new(null, FhirOutcomes.Unprocessable($"Record access cannot be decided: the practice settings or registration held for this patient are unusable ({problem}).", code: "business-rule"));
        }

        return new(new PatientContext(caller, nhs.Value, today, facts), null);
    }
}
