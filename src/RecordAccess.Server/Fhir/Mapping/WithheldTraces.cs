using System.Text.Json.Nodes;

namespace RecordAccess.Server.Fhir.Mapping;

/// <summary>
/// Removes every trace of withheld resources from the visible ones: a visible resource whose required reference
/// (<see cref="ResourceMapping.RequiredReferences"/>) names a withheld resource is withheld too (repeated until
/// nothing changes); any other Reference naming a withheld resource is removed whole (its display text too), with
/// any object or array left empty by that; a resource that lost a reference also loses its narrative
/// (<c>text</c>), which may describe what was withheld. Finally security labels are stripped.
/// </summary>
internal static class WithheldTraces
{
    public static void Remove(IReadOnlyList<BundleItem> items, bool[] visible, BundleReferences references)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(visible);
        bool changed;
        do
        {
            changed = false;
            for (var i = 0; i < items.Count; i++)
            {
                if (visible[i] && ResourceMapping.RequiredReferences(items[i].Type).Any(name => Withheld(items[i].Resource[name] as JsonObject, visible, references)))
                {
                    visible[i] = false;
                    changed = true;
                }
            }
        }
        while (changed);

        for (var i = 0; i < items.Count; i++)
        {
            if (!visible[i])
            {
                continue;
            }

            var resource = items[i].Resource;
            if (Prune(resource, visible, references))
            {
                resource.Remove("text");
            }

            SecurityLabels.Strip(resource);
        }
    }

    private static bool Withheld(JsonObject? reference, bool[] visible, BundleReferences references) =>
        references.Resolve(reference) is var target and >= 0 && !visible[target];

    /// <summary>Removes references to withheld resources below <paramref name="node"/>; true if anything was removed.</summary>
    private static bool Prune(JsonNode? node, bool[] visible, BundleReferences references)
    {
        var removed = false;
        if (node is JsonObject o)
        {
            foreach (var name in o.Select(p => p.Key).ToList())
            {
                var child = o[name];
                if (child is JsonObject r && Withheld(r, visible, references))
                {
                    o.Remove(name);
                    removed = true;
                }
                else if (Prune(child, visible, references))
                {
                    removed = true;
                    if (child is JsonObject { Count: 0 } or JsonArray { Count: 0 })
                    {
                        o.Remove(name);
                    }
                }
            }
        }
        else if (node is JsonArray a)
        {
            for (var i = a.Count - 1; i >= 0; i--)
            {
                var child = a[i];
                if (child is JsonObject r && Withheld(r, visible, references))
                {
                    a.RemoveAt(i);
                    removed = true;
                }
                else if (Prune(child, visible, references))
                {
                    removed = true;
                    if (child is JsonObject { Count: 0 } or JsonArray { Count: 0 })
                    {
                        a.RemoveAt(i);
                    }
                }
            }
        }

        return removed;
    }
}
