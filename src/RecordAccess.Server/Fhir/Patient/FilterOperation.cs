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

        var bundle = body.Resource!;
        if (FhirJsonRead.String(bundle, "type") is not ("collection" or "searchset"))
        {
            return FhirOutcomes.Unprocessable("Bundle.type must be 'collection' or 'searchset' (the patient's record resources to filter).", "Bundle.type", "not-supported");
        }

        var items = new List<BundleItem>();
        var entries = bundle["entry"];
        if (entries is not null and not JsonArray)
        {
            return FhirOutcomes.Invalid("Bundle.entry must be an array.", "Bundle.entry", "structure");
        }

        var index = 0;
        var fullUrls = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries as JsonArray ?? [])
        {
            if (entry is not JsonObject e || e["resource"] is not JsonObject resource || FhirJsonRead.String(resource, "resourceType") is null)
            {
                return FhirOutcomes.Invalid("Each Bundle entry needs a resource with a resourceType.", $"Bundle.entry[{index}].resource", "required");
            }

            // R4 requires a unique fullUrl on every entry of a collection or searchset (bdl-15, bdl-7); the output keeps them.
            if (FhirJsonRead.String(e, "fullUrl") is not { Length: > 0 } fullUrl || !fullUrls.Add(fullUrl))
            {
                return FhirOutcomes.Invalid("Each Bundle entry needs a fullUrl (a string), different from every other entry's (R4 bdl-15, bdl-7).", $"Bundle.entry[{index}].fullUrl", "required");
            }

            items.Add(new BundleItem(fullUrl, resource));
            index++;
        }

        var references = new BundleReferences(items);
        var validShape = items.Select(item => ResourceShape.IsValid(item.Resource)).ToArray();
        var plan = EntryPlan.Build(items, references, validShape);
        var decided = await gate.DecideAsync(patient, plan.Entries, context.RequestAborted, plan.Parents.Settle).ConfigureAwait(false);
        if (decided.Visible is not { } decisions)
        {
            return decided.Error!;
        }

        var visible = items.Select((item, i) => ResourceMapping.PassesThrough(item, validShape[i])).ToArray();
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
