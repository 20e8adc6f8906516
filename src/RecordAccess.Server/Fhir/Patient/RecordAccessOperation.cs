using System.Globalization;
using RecordAccess.Core.Policy;
using RecordAccess.Server.Decisions;

namespace RecordAccess.Server.Fhir.Patient;

/// <summary>
/// <c>Patient/{nhs}/$record-access</c>: whether online access is available today and the earliest recorded date of
/// an entry that may be shown. Answered from the patient-level answer that GetPatientAccess gives (decision 0091):
/// available when no patient-level rule (1–7) withholds and <see cref="Core.Engine.PatientAccess.VisibleFrom"/> is
/// on or before today; <c>recordedFrom</c> is that date. Every "not available" cause gets the same one-parameter
/// answer, so a safeguarding flag looks like a practice not yet switched on. The token is checked before the body.
/// </summary>
internal sealed class RecordAccessOperation(PatientGate gate)
{
    public async Task<IResult> HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var resolved = PatientContext.Resolve(context);
        if (resolved.Context is not { } patient)
        {
            return resolved.Error!;
        }

        if (HttpMethods.IsPost(context.Request.Method) && (context.Request.ContentLength > 0 || context.Request.ContentType is not null))
        {
            var body = await FhirBody.ReadAsync<Hl7.Fhir.Model.Parameters>(context, FhirEndpointRouteBuilderExtensions.MaxBody(context)).ConfigureAwait(false);
            if (body.Error is not null)
            {
                return body.Error;
            }

            if (body.Resource!.Parameter.Count > 0)
            {
                return FhirOutcomes.Invalid("$record-access takes no input parameters.", "Parameters.parameter", "not-supported");
            }
        }

        var outcome = await gate.AccessAsync(patient, context.RequestAborted).ConfigureAwait(false);
        if (outcome is not DecisionOutcome<GateAccessAnswer>.Decided { Answer.Access: var access, Request: var request })
        {
            return PatientGate.Refusal(outcome);
        }

        var available = access.AvailableOn(request.EvaluationDate.Value);
        var parameters = new Hl7.Fhir.Model.Parameters();
        parameters.Add("available", new Hl7.Fhir.Model.FhirBoolean(available));
        if (available)
        {
            parameters.Add("recordedFrom", new Hl7.Fhir.Model.Date(access.VisibleFrom!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        }

        return new FhirResult(StatusCodes.Status200OK, parameters);
    }
}
