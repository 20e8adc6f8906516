
namespace RecordAccess.Server.Fhir.Patient;

/// <summary>
/// <c>POST Patient/{nhs}/$entry-visibility</c>: entry facts in (see <see cref="EntryParameters"/>); out, one
/// <c>entry</c> per input entry, in order, with <c>id</c> and <c>visible</c> only. The reason stays in the audit.
/// </summary>
internal sealed class EntryVisibilityOperation(PatientGate gate)
{
    public async Task<IResult> HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var resolved = PatientContext.Resolve(context);
        if (resolved.Context is not { } patient)
        {
            return resolved.Error!;
        }

        var body = await FhirBody.ReadAsync<Hl7.Fhir.Model.Parameters>(context, FhirEndpointRouteBuilderExtensions.MaxBody(context)).ConfigureAwait(false);
        if (body.Error is not null)
        {
            return body.Error;
        }

        var (entries, problem) = EntryParameters.Read(body.Resource!);
        if (entries is null)
        {
            return problem!;
        }

        var decided = await gate.DecideAsync(patient, entries, context.RequestAborted).ConfigureAwait(false);
        if (decided.Visible is not { } visible)
        {
            return decided.Error!;
        }

        return new FhirResult(StatusCodes.Status200OK, EntryParameters.Answer(entries, visible));
    }
}
