using System.Text.Json.Nodes;

namespace RecordAccess.Server.Fhir.Mapping;

/// <summary>
/// Removes every trace of withheld resources from the visible ones. Every Reference that names a withheld resource,
/// in any form (<see cref="BundleReferences"/>), or whose form R4 does not allow (<see cref="BundleReferences.IsReadable"/>),
/// is removed with its display text, and with the elements that cannot
/// be valid without it (<see cref="ReferencePruner"/>, cardinalities from the R4 model); a resource that would lose a
/// mandatory element is withheld too, and the pass is repeated until nothing changes. A resource that lost anything
/// also loses its narrative (<c>text</c>), which may describe what was withheld, and must still parse strictly as R4
/// (<see cref="ResourceShape"/>), else it is withheld. Finally security labels are stripped.
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

        for (var i = 0; i < items.Count; i++)
        {
            if (visible[i])
            {
                SecurityLabels.Strip(items[i].Resource);
            }
        }
    }
}
