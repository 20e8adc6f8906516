using System.Text.Json.Nodes;
using RecordAccess.Server.Fhir.Mapping;

namespace RecordAccess.Server.Fhir.Patient;

/// <summary>
/// <c>POST Patient/{nhs}/$filter</c>: a Bundle (collection or searchset) of the patient's record resources in; a
/// collection Bundle of only the visible ones out, in input order, with no trace of what was withheld (no total, no
/// links, no references to withheld resources, no security labels). The output depends only on the visible resources,
/// so "withheld" and "not sent" give the same bytes.
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
        foreach (var entry in entries as JsonArray ?? [])
        {
            if (entry is not JsonObject e || e["resource"] is not JsonObject resource || FhirJsonRead.String(resource, "resourceType") is null)
            {
                return FhirOutcomes.Invalid("Each Bundle entry needs a resource with a resourceType.", $"Bundle.entry[{index}].resource", "required");
            }

            if (e["fullUrl"] is { } fullUrl && FhirJsonRead.String(fullUrl) is null)
            {
                return FhirOutcomes.Invalid("Bundle.entry.fullUrl must be a string.", $"Bundle.entry[{index}].fullUrl", "structure");
            }

            items.Add(new BundleItem(FhirJsonRead.String(e, "fullUrl"), resource));
            index++;
        }

        var references = new BundleReferences(items);
        var plan = EntryPlan.Build(items, references);
        var decided = await gate.DecideAsync(patient, plan.Entries, context.RequestAborted).ConfigureAwait(false);
        if (decided.Visible is not { } decisions)
        {
            return decided.Error!;
        }

        var visible = new bool[items.Count];
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
