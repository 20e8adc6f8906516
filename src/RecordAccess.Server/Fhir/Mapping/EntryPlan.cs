using System.Text.Json.Nodes;
using RecordAccess.Core.Model;

namespace RecordAccess.Server.Fhir.Mapping;

/// <summary>
/// The entry facts for the record resources of a Bundle, in Bundle order, and which item each one is. Parents:
/// the one DiagnosticReport (<c>result</c>) or Observation (<c>hasMember</c>) that lists the resource, else its
/// encounter/context reference. A parent outside the Bundle, or two claimed parents, cannot be checked: the entry
/// is withheld (rule 0).
/// </summary>
internal sealed record EntryPlan(IReadOnlyList<EntryFacts> Entries, int[] ItemOfEntry)
{
    /// <summary>A parent id no entry can have: the engine finds no such entry in the request and withholds the child.</summary>
    public const string UnresolvedParent = "\u0000unresolved";

    public static EntryPlan Build(IReadOnlyList<BundleItem> items, BundleReferences references)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(references);
        var claims = new List<int>?[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var member = items[i].Type switch { "DiagnosticReport" => "result", "Observation" => "hasMember", _ => null };
            foreach (var reference in member is null ? [] : FhirJsonRead.Array(items[i].Resource, member))
            {
                if (references.Resolve(reference as JsonObject) is var child and >= 0)
                {
                    (claims[child] ??= []).Add(i);
                }
            }
        }

        var entries = new List<EntryFacts>();
        var itemOfEntry = new List<int>();
        for (var i = 0; i < items.Count; i++)
        {
            var claimedBy = claims[i];
            var isResult = claimedBy?.Any(c => items[c].Type == "DiagnosticReport") == true;
            if (ResourceMapping.Map(items[i].Resource, isResult) is not { } facts)
            {
                continue;
            }

            var kind = facts.Kind;
            string? parent = null;
            if (claimedBy is { Count: > 1 } || claimedBy is null && facts.ContextReferences.Count > 1)
            {
                kind = EntryKind.Unknown;
            }
            else if (claimedBy is [var claimant])
            {
                parent = items[claimant].Id ?? UnresolvedParent;
            }
            else if (facts.ContextReferences is [var context])
            {
                var target = references.Resolve(context);
                parent = target >= 0 && ResourceMapping.Types.Contains(items[target].Type) ? items[target].Id ?? UnresolvedParent : UnresolvedParent;
            }

            entries.Add(new EntryFacts
            {
                Id = items[i].Id ?? string.Empty,
                RecordedDate = facts.RecordedDate,
                Kind = kind,
                Status = facts.Status,
                Labels = SecurityLabels.Collect(items[i].Resource),
                ParentId = parent,
                Code = facts.Code,
            });
            itemOfEntry.Add(i);
        }

        return new EntryPlan(entries, [.. itemOfEntry]);
    }
}
