using System.Text.Json.Nodes;

namespace RecordAccess.Server.Fhir.Mapping;

/// <summary>
/// Removes every trace of withheld resources from the visible ones. Every Reference that names a withheld resource,
/// in any form (<see cref="BundleReferences"/>), or whose form R4 does not allow (<see cref="BundleReferences.IsReadable"/>),
/// is removed with its display text, and with the elements that cannot
/// be valid without it (<see cref="ReferencePruner"/>, cardinalities from the R4 model); a resource that would lose a
/// mandatory element is withheld too, and the pass is repeated until nothing changes. A resource that lost anything
/// also loses its narrative (<c>text</c>), which may describe what was withheld, and must still parse strictly as R4
/// (<see cref="ResourceShape"/>), else it is withheld. Resources that are not entries are shown only when a shown
/// entry names them. Finally security labels are stripped.
/// </summary>
internal static class WithheldTraces
{
    public static void Remove(IReadOnlyList<BundleItem> items, bool[] visible, BundleReferences references)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(visible);
        ArgumentNullException.ThrowIfNull(references);
        bool Withheld(int i) => !visible[i];
        bool NamesWithheld(JsonObject reference) => !BundleReferences.IsReadable(reference) || references.Resolve(reference).Any(Withheld);

        bool changed;
        do
        {
            changed = false;
            for (var i = 0; i < items.Count; i++)
            {
                if (!visible[i])
                {
                    continue;
                }

                var result = ReferencePruner.Prune(items[i].Resource, NamesWithheld);
                if (result == PruneResult.Pruned)
                {
                    items[i].Resource.Remove("text");
                }

                if (result == PruneResult.Unrepresentable || (result == PruneResult.Pruned && !ResourceShape.IsValid(items[i].Resource)))
                {
                    visible[i] = false;
                    changed = true;
                }
            }
        }
        while (changed);

        HideUnreferencedNonEntries(items, visible, references);
        for (var i = 0; i < items.Count; i++)
        {
            if (visible[i])
            {
                SecurityLabels.Strip(items[i].Resource);
            }
        }
    }

    /// <summary>
    /// A resource that is not a record entry (a practitioner, a location…) is shown only when a visible entry names it,
    /// directly or through another shown resource (decision 0086): one named only by withheld entries would tell that
    /// they exist (a clinic's Location, a sensitive Medication).
    /// </summary>
    private static void HideUnreferencedNonEntries(IReadOnlyList<BundleItem> items, bool[] visible, BundleReferences references)
    {
        var reached = new bool[items.Count];
        var pending = new Stack<int>();
        for (var i = 0; i < items.Count; i++)
        {
            if (visible[i] && ResourceMapping.IsRecordType(items[i].Type))
            {
                reached[i] = true;
                pending.Push(i);
            }
        }

        while (pending.TryPop(out var from))
        {
            foreach (var target in ReferenceObjects(items[from].Resource).SelectMany(references.Resolve))
            {
                if (visible[target] && !reached[target])
                {
                    reached[target] = true;
                    pending.Push(target);
                }
            }
        }

        for (var i = 0; i < items.Count; i++)
        {
            visible[i] &= reached[i];
        }
    }

    /// <summary>Every object below a resource that may be a Reference (it has a <c>reference</c> or an <c>identifier</c>).</summary>
    private static IEnumerable<JsonObject> ReferenceObjects(JsonNode? node)
    {
        var pending = new Stack<JsonNode?>([node]);
        while (pending.TryPop(out var current))
        {
            var children = current switch
            {
                JsonObject o => o.Select(p => p.Value),
                JsonArray a => a.AsEnumerable(),
                _ => [],
            };
            if (current is JsonObject candidate && (candidate.ContainsKey("reference") || candidate.ContainsKey("identifier")))
            {
                yield return candidate;
            }

            foreach (var child in children)
            {
                pending.Push(child);
            }
        }
    }
}
