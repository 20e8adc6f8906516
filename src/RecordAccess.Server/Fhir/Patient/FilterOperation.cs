using System.Text.Json.Nodes;
using RecordAccess.Server.Fhir.Mapping;

namespace RecordAccess.Server.Fhir.Patient;

/// <summary>
/// <c>POST Patient/{nhs}/$filter</c>: a Bundle (collection or searchset) of the patient's record resources in; a
/// collection Bundle of only the visible ones out, in input order, with no trace of what was withheld (no total, no
/// links, no references to withheld resources, no security labels). The output depends only on the visible resources,
/// so "withheld" and "not sent" give the same bytes. Every resource is first read with Firely's strict parser: one
/// that is not valid R4 is withheld (an entry through the engine, rule 0). Record entries are decided by the gate
/// with every parent link counted; the patient, practitioners, organisations, locations and medications pass through
/// (docs/fhir-mapping.md). Every resource returned parses strictly as R4.
/// </summary>
internal sealed class FilterOperation(PatientGate gate)
{
    public async Task<IResult> HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var resolved = PatientContext.Resolve(context);
        if (resolved.Context is not { } patient)
        {
            return resolved.Error!;
        }

        var body = await FhirBody.ReadResourceAsync(context, FhirEndpointRouteBuilderExtensions.MaxBody(context), "Bundle").ConfigureAwait(false);
        if (body.Error is not null)
        {
            return body.Error;
        }

        var (read, problem) = BundleRecord.Read(body.Resource!);
        if (problem is not null)
        {
            return problem.Unprocessable
                ? FhirOutcomes.Unprocessable(problem.Message, problem.Expression, problem.Code)
                : FhirOutcomes.Invalid(problem.Message, problem.Expression, problem.Code);
        }

        var (items, references, _, plan) = read!;
        var decided = await gate.DecideAsync(patient, plan.Entries, context.RequestAborted, plan.Parents.Settle).ConfigureAwait(false);
        if (decided.Visible is not { } decisions)
        {
            return decided.Error!;
        }

        var visible = items.Select((_, i) => read.PassesThrough(i)).ToArray();
        for (var i = 0; i < plan.ItemOfEntry.Length; i++)
        {
            visible[plan.ItemOfEntry[i]] = decisions[i];
        }

        WithheldTraces.Remove(items, visible, references);
        var output = items.Where((_, i) => visible[i]).Select(item => (item.FullUrl, Detach(item.Resource)));
        return new FhirResult(StatusCodes.Status200OK, FhirPassThroughBundle.Collection(output));
    }

    private static JsonObject Detach(JsonObject resource)
    {
        resource.Parent?.AsObject().Remove("resource");
        return resource;
    }
}
