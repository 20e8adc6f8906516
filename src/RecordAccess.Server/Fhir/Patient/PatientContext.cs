using NhsNumberId = RecordAccess.Core.Identifiers.NhsNumber;
using RecordAccess.Core.Model;
using RecordAccess.Server.Decisions;
using RecordAccess.Server.Identity;

namespace RecordAccess.Server.Fhir.Patient;

/// <summary>
/// The checks every patient operation starts with, before any body is read or any state consulted, in order: a valid
/// token (401), a valid NHS number in the path (400), the caller is that patient at P9 (403). The registration and
/// everything else about the patient's state is <see cref="DecisionPath"/>'s, read once with the decision
/// (<see cref="PatientGate"/> maps its refusals).
/// </summary>
internal sealed record PatientContext(Caller Caller, string NhsNumber)
{
    public const string Surface = "fhir";

    public static PatientContextResult Resolve(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
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

        return new(new PatientContext(caller, nhs.Value), null);
    }

    /// <summary>The question this patient asks about <paramref name="entries"/>, today (UK).</summary>
    public DecisionQuestion Question(IReadOnlyList<EntryFacts> entries) => new(Caller, NhsNumber, entries, DecisionPurpose.Evaluate, Surface);
}
