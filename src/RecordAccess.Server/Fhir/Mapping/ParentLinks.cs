using RecordAccess.Core.Engine;
using RecordAccess.Core.Model;

namespace RecordAccess.Server.Fhir.Mapping;

/// <summary>
/// Every parent link of each entry of a request (the engine takes one parent id per entry). Rule 12 withholds an entry
/// when its parent, grandparent, … through any of its links is withheld, so <see cref="Settle"/> chooses for each
/// entry the one link the engine is given (decision 0087): a link whose chain withholds, if there is one, found by
/// deciding the request without audit until no choice changes; on a cycle of links, a link on that cycle (the engine
/// withholds a chain that leads back to the entry, rule 0). The request the gate then decides and audits has the
/// chosen links, so the audit records the reason the patient's answer has.
/// </summary>
internal sealed class ParentLinks(IReadOnlyList<IReadOnlyList<string>> links)
{
    public DecisionRequest Settle(DecisionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var entries = request.Entries.ToArray();
        if (entries.Length != links.Count)
        {
            throw new ArgumentException("One list of parent links per entry is needed.", nameof(request));
        }

        var several = Enumerable.Range(0, entries.Length).Where(i => links[i].Count > 1).ToList();
        if (several.Count == 0)
        {
            return request;
        }

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Length; i++)
        {
            index.TryAdd(entries[i].Id, i);
        }

        foreach (var i in several)
        {
            if (links[i].FirstOrDefault(p => LeadsBack(p, i, index)) is { } cycle)
            {
                entries[i] = entries[i] with { ParentId = cycle };
            }
        }

        while (true)
        {
            var decisions = DecisionEngine.Evaluate(request with { Entries = entries });
            var changed = false;
            foreach (var i in several.Where(i => decisions[i].Visible))
            {
                if (links[i].FirstOrDefault(p => !index.TryGetValue(p, out var parent) || !decisions[parent].Visible) is { } withheld)
                {
                    entries[i] = entries[i] with { ParentId = withheld };
                    changed = true;
                }
            }

            if (!changed)
            {
                return request with { Entries = entries };
            }
        }
    }

    /// <summary>True when following links from <paramref name="parentId"/> reaches entry <paramref name="entry"/>.</summary>
    private bool LeadsBack(string parentId, int entry, Dictionary<string, int> index)
    {
        var seen = new HashSet<int>();
        var stack = new Stack<string>([parentId]);
        while (stack.TryPop(out var id))
        {
            if (!index.TryGetValue(id, out var at) || !seen.Add(at))
            {
                continue;
            }

            if (at == entry)
            {
                return true;
            }

            foreach (var next in links[at])
            {
                stack.Push(next);
            }
        }

        return false;
    }
}
