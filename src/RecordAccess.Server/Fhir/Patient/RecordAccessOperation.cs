using System.Globalization;
using RecordAccess.Core.Model;
using RecordAccess.Server.Policy;

namespace RecordAccess.Server.Fhir.Patient;

/// <summary>
/// <c>Patient/{nhs}/$record-access</c>: whether online access is available today and the earliest recorded date of
/// an entry that may be shown. Decided through the audited gate with one probe entry (a final consultation recorded
/// today): it is visible exactly when no patient-level rule (1–8) withholds today's entries. Every "not available"
/// cause gets the same one-parameter answer, so a safeguarding flag looks like a practice not yet switched on.
/// </summary>
internal sealed class RecordAccessOperation(PolicyFreshness freshness, PatientGate gate, TimeProvider clock, ILogger<RecordAccessOperation> logger)
{
    public const string ProbeId = "$record-access";

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
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

        var resolved = PatientContext.Resolve(context, freshness, clock);
        if (resolved.Context is not { } patient)
        {
            return resolved.Error!;
        }

        var probe = new EntryFacts { Id = ProbeId, RecordedDate = InputDate.Of(patient.Today), Kind = EntryKind.Consultation, Status = EntryStatus.Final };
        var decided = await gate.DecideAsync(patient, [probe], logger, "$record-access", context.RequestAborted).ConfigureAwait(false);
        if (decided.Visible is not { } visible)
        {
            return decided.Error!;
        }

        var available = visible[0];
        var parameters = new Hl7.Fhir.Model.Parameters();
        parameters.Add("available", new Hl7.Fhir.Model.FhirBoolean(available));
        if (available)
        {
            parameters.Add("recordedFrom", new Hl7.Fhir.Model.Date(VisibleFrom(patient.Facts).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        }

        return new FhirResult(StatusCodes.Status200OK, parameters);
    }

    /// <summary>The earliest recorded date shown: the access start (latest of switch-on, registration, individual start), or the historic grant if earlier.</summary>
    private static DateOnly VisibleFrom(DecisionRequest facts)
    {
        var patient = facts.Patient!;
        var start = facts.Practice!.SwitchOnDate.Value;
        start = patient.RegistrationDate.Value > start ? patient.RegistrationDate.Value : start;
        if (patient.IndividualStartDate.IsValid && patient.IndividualStartDate.Value > start)
        {
            start = patient.IndividualStartDate.Value;
        }

        return patient.HistoricFromDate.IsValid && patient.HistoricFromDate.Value < start ? patient.HistoricFromDate.Value : start;
    }
}
