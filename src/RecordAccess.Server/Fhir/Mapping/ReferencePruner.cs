using System.Text.Json.Nodes;
using Hl7.Fhir.Introspection;
using Hl7.Fhir.Model;

namespace RecordAccess.Server.Fhir.Mapping;

/// <summary>
/// Removes from one resource's JSON every Reference that names a withheld resource, walking the JSON beside the R4
/// model (Firely's <see cref="ModelInspector"/>): the element types and which elements are mandatory come from the
/// model, not from a hand-kept list. A removed Reference takes its element with it when that element cannot be valid
/// without it (a mandatory element emptied, an element left with nothing but an id, an extension left without value),
/// climbing until an optional element absorbs the removal; when the climb reaches a mandatory element of the resource
/// itself, or of a contained resource, the resource cannot be shown (<see cref="PruneResult.Unrepresentable"/>).
/// </summary>
internal static class ReferencePruner
{
    private static readonly ModelInspector Model = ModelInfo.ModelInspector;

    public static PruneResult Prune(JsonObject resource, Func<JsonObject, bool> withheld)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(withheld);
        if (FhirJsonRead.String(resource, "resourceType") is not { } type || Model.FindClassMapping(type) is not { IsResource: true } mapping)
        {
            return PruneResult.Unrepresentable;
        }

        var walk = new Walk(withheld);
        var outcome = walk.Element(resource, mapping);
        if (outcome == Outcome.Remove || walk.ContainedLost)
        {
            return PruneResult.Unrepresentable;
        }

        if (outcome == Outcome.Unchanged)
        {
            return PruneResult.Unchanged;
        }

        DropUnreferencedContained(resource);
        return PruneResult.Pruned;
    }

    /// <summary>
    /// A contained resource must be referenced from the rest of its container, or refer to it (R4 dom-3): one whose only
    /// reference went with a pruned element goes too.
    /// </summary>
    private static void DropUnreferencedContained(JsonObject resource)
    {
        if (resource["contained"] is not JsonArray contained)
        {
            return;
        }

        bool dropped;
        do
        {
            dropped = false;
            for (var i = contained.Count - 1; i >= 0; i--)
            {
                if (contained[i] is JsonObject inner && FhirJsonRead.String(inner, "id") is { } id
                    && !References(resource, inner).Contains("#" + id, StringComparer.Ordinal) && !References(inner, null).Contains("#", StringComparer.Ordinal))
                {
                    contained.RemoveAt(i);
                    dropped = true;
                }
            }
        }
        while (dropped);

        if (contained.Count == 0)
        {
            resource.Remove("contained");
        }
    }

    /// <summary>Every <c>reference</c> string below <paramref name="node"/>, not looking inside <paramref name="skip"/>.</summary>
    private static IEnumerable<string> References(JsonNode? node, JsonNode? skip)
    {
        var pending = new Stack<JsonNode?>([node]);
        while (pending.TryPop(out var current))
        {
            if (ReferenceEquals(current, skip))
            {
                continue;
            }

            if (current is JsonObject o)
            {
                if (FhirJsonRead.String(o, "reference") is { } reference)
                {
                    yield return reference;
                }

                foreach (var (_, child) in o)
                {
                    pending.Push(child);
                }
            }
            else if (current is JsonArray a)
            {
                foreach (var child in a)
                {
                    pending.Push(child);
                }
            }
        }
    }

    private enum Outcome
    {
        Unchanged,
        Pruned,
        Remove,
    }

    private sealed class Walk(Func<JsonObject, bool> withheld)
    {
        public bool ContainedLost { get; private set; }

        public Outcome Element(JsonObject element, ClassMapping mapping)
        {
            if (mapping.Name == "Reference" && withheld(element))
            {
                return Outcome.Remove;
            }

            var pruned = false;
            foreach (var name in element.Select(p => p.Key).ToList())
            {
                var extensionOfPrimitive = name.StartsWith('_');
                var property = extensionOfPrimitive ? name[1..] : name;
                if (Find(mapping, property) is not { } found)
                {
                    continue;
                }

                var (definition, type) = found;
                switch (Child(element[name], definition, type, extensionOfPrimitive))
                {
                    case Outcome.Pruned:
                        pruned = true;
                        break;
                    case Outcome.Remove:
                        pruned = true;
                        element.Remove(name);
                        if (definition.IsMandatoryElement && !extensionOfPrimitive)
                        {
                            return Outcome.Remove;
                        }

                        break;
                }
            }

            if (!pruned)
            {
                return Outcome.Unchanged;
            }

            var empty = element.All(p => p.Key == "id")
                || (mapping.Name == "Extension" && !element.Any(p => p.Key.StartsWith("value", StringComparison.Ordinal) || p.Key == "extension"));
            return empty ? Outcome.Remove : Outcome.Pruned;
        }

        /// <summary>Prunes one property's value; Remove when the property must go (its only or every item went).</summary>
        private Outcome Child(JsonNode? node, PropertyMapping definition, ClassMapping? type, bool extensionOfPrimitive)
        {
            var resources = definition.Choice == ChoiceType.ResourceChoice;
            if (node is JsonObject single)
            {
                return One(single, type, resources);
            }

            if (node is not JsonArray items)
            {
                return Outcome.Unchanged;
            }

            var pruned = false;
            for (var i = items.Count - 1; i >= 0; i--)
            {
                if (items[i] is not JsonObject item)
                {
                    continue;
                }

                var outcome = One(item, type, resources);
                pruned |= outcome != Outcome.Unchanged;
                if (outcome == Outcome.Remove)
                {
                    // The extensions of a primitive array stay aligned with its values: the slot becomes null.
                    if (extensionOfPrimitive)
                    {
                        items[i] = null;
                    }
                    else
                    {
                        items.RemoveAt(i);
                    }
                }
            }

            return !pruned ? Outcome.Unchanged : items.All(i => i is null) ? Outcome.Remove : Outcome.Pruned;
        }

        private Outcome One(JsonObject item, ClassMapping? type, bool resource)
        {
            if (!resource)
            {
                return type is null ? Outcome.Unchanged : Element(item, type);
            }

            // A contained resource: the reference to it from its container cannot be kept valid without it.
            var mapping = FhirJsonRead.String(item, "resourceType") is { } name ? Model.FindClassMapping(name) : null;
            var outcome = mapping is null ? Outcome.Remove : Element(item, mapping);
            if (outcome == Outcome.Remove)
            {
                ContainedLost = true;
                return Outcome.Pruned;
            }

            return outcome;
        }

        /// <summary>The model's definition of a JSON property and the type its value has (a choice's type from the suffix).</summary>
        private static (PropertyMapping Definition, ClassMapping? Type)? Find(ClassMapping mapping, string json)
        {
            if (mapping.FindMappedElementByName(json) is { } plain)
            {
                return (plain, plain.Choice == ChoiceType.None ? plain.PropertyTypeMapping : null);
            }

            if (mapping.FindMappedElementByChoiceName(json) is { } choice)
            {
                var suffix = json[choice.Name.Length..];
                return (choice, choice.FhirTypeMappings.FirstOrDefault(t => string.Equals(t.Name, suffix, StringComparison.OrdinalIgnoreCase)));
            }

            return null;
        }
    }
}
