using RecordAccess.Core.Model;

namespace RecordAccess.Server.Fhir.Mapping;

/// <summary>
/// The entry facts for the record resources of a Bundle, in Bundle order, which item each one is, and every parent
/// link each one has (decision 0087): each DiagnosticReport (<c>result</c>) and Observation (<c>hasMember</c>) listing
/// it, and each resource its encounter/context reference names. A context reference that names no record resource of
/// the Bundle cannot be checked: the entry is withheld (rule 0). A resource whose shape is not valid R4
/// (<see cref="ResourceShape"/>) is sent with an unknown kind, so the engine withholds it and its children (rule 0).
/// Resources that are not record entries are not sent to the engine (<see cref="ResourceMapping.PassesThrough"/>).
/// </summary>
internal sealed record EntryPlan(IReadOnlyList<EntryFacts> Entries, int[] ItemOfEntry, ParentLinks Parents)
{
    /// <summary>A parent id no entry can have: the engine finds no such entry in the request and withholds the child.</summary>
    public const string UnresolvedParent = "\u0000unresolved";

    public static EntryPlan Build(IReadOnlyList<BundleItem> items, BundleReferences references, bool[] validShape)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(references);
        ArgumentNullException.ThrowIfNull(validShape);
        var links = new List<int>?[items.Count];
        var claimedByReport = new bool[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var member = items[i].Type switch { "DiagnosticReport" => "result", "Observation" => "hasMember", _ => null };
            foreach (var reference in member is null ? [] : FhirJsonRead.Objects(items[i].Resource, member))
            {
                foreach (var child in references.Resolve(reference).Where(c => c != i))
                {
                    (links[child] ??= []).Add(i);
                    claimedByReport[child] |= items[i].Type == "DiagnosticReport";
                }
            }
        }

        var entries = new List<EntryFacts>();
        var itemOfEntry = new List<int>();
        var parentIds = new List<IReadOnlyList<string>>();
        for (var i = 0; i < items.Count; i++)
        {
            if (ResourceMapping.Map(items[i].Resource, claimedByReport[i]) is not { } facts)
            {
                continue;
            }

            var unresolved = false;
            var parents = links[i] ?? [];
            foreach (var context in facts.ContextReferences)
            {
                var targets = references.Resolve(context).Where(t => ResourceMapping.IsRecordType(items[t].Type)).ToList();
                unresolved |= targets.Count == 0;
                parents.AddRange(targets);
            }

            List<string> ids = unresolved ? [UnresolvedParent] : [.. parents.Distinct().Select(p => items[p].Id ?? UnresolvedParent).Distinct(StringComparer.Ordinal)];
            entries.Add(new EntryFacts
            {
                Id = items[i].Id ?? string.Empty,
                RecordedDate = facts.RecordedDate,
                Kind = validShape[i] ? facts.Kind : EntryKind.Unknown,
                Status = facts.Status,
                Labels = SecurityLabels.Collect(items[i].Resource),
                ParentId = ids.Count > 0 ? ids[0] : null,
                Code = facts.Code,
            });
            itemOfEntry.Add(i);
            parentIds.Add(ids);
        }

        return new EntryPlan(entries, [.. itemOfEntry], new ParentLinks(parentIds));
    }
}
