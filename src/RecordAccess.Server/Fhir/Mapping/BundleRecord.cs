using System.Text.Json.Nodes;

namespace RecordAccess.Server.Fhir.Mapping;

/// <summary>
/// A record Bundle read for deciding: its items (each entry's fullUrl and resource), the references between them, each
/// resource's strict-R4 shape (<see cref="ResourceShape"/>) and the <see cref="EntryPlan"/> of its record entries. The one
/// reading of a Bundle, used by <c>$filter</c> and by the staff page "what will this patient see?", so both decide the
/// same entries with the same parent links.
/// </summary>
internal sealed record BundleRecord(IReadOnlyList<BundleItem> Items, BundleReferences References, bool[] ValidShape, EntryPlan Plan)
{
    /// <summary>The Bundle's items and plan, or the first problem that stops it being read (nothing is then decided).</summary>
    public static (BundleRecord? Record, BundleProblem? Problem) Read(JsonObject bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        if (FhirJsonRead.String(bundle, "type") is not ("collection" or "searchset"))
        {
            return (null, new("Bundle.type must be 'collection' or 'searchset' (the patient's record resources to filter).", "Bundle.type", "not-supported", Unprocessable: true));
        }

        var items = new List<BundleItem>();
        var entries = bundle["entry"];
        if (entries is not null and not JsonArray)
        {
            return (null, new("Bundle.entry must be an array.", "Bundle.entry", "structure"));
        }

        var index = 0;
        var fullUrls = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries as JsonArray ?? [])
        {
            if (entry is not JsonObject e || e["resource"] is not JsonObject resource || FhirJsonRead.String(resource, "resourceType") is null)
            {
                return (null, new("Each Bundle entry needs a resource with a resourceType.", $"Bundle.entry[{index}].resource", "required"));
            }

            // R4 requires a unique fullUrl on every entry of a collection or searchset (bdl-15, bdl-7); the output keeps them.
            if (FhirJsonRead.String(e, "fullUrl") is not { Length: > 0 } fullUrl || !fullUrls.Add(fullUrl))
            {
                return (null, new("Each Bundle entry needs a fullUrl (a string), different from every other entry's (R4 bdl-15, bdl-7).", $"Bundle.entry[{index}].fullUrl", "required"));
            }

            items.Add(new BundleItem(fullUrl, resource));
            index++;
        }

        var references = new BundleReferences(items);
        var validShape = items.Select(item => ResourceShape.IsValid(item.Resource)).ToArray();
        return (new BundleRecord(items, references, validShape, EntryPlan.Build(items, references, validShape)), null);
    }

    /// <summary>Whether an item that is not a record entry is returned as sent (<see cref="ResourceMapping.PassesThrough"/>).</summary>
    public bool PassesThrough(int item) => ResourceMapping.PassesThrough(Items[item], ValidShape[item]);
}

/// <summary>Why a Bundle cannot be read: a message, the FHIRPath of the element, an issue code; 422 when unprocessable, else 400.</summary>
internal sealed record BundleProblem(string Message, string Expression, string Code, bool Unprocessable = false);
