using RecordAccess.Core.Model;
using static RecordAccess.Core.Explain.Words;
using static RecordAccess.Core.Model.ReasonCode;

namespace RecordAccess.Core.Explain;

/// <summary>Rule 12: the entry's parent, grandparent, … in the same request is withheld for any reason.</summary>
internal static class ParentRule
{
    /// <summary>
    /// Walks up from the entry's parent to the first ancestor withheld by its own rules (0–11a): everything
    /// between is withheld because of it. The walk ends, because a cycle's members are withheld by rule 0.
    /// </summary>
    public static (RuleCheck Check, IReadOnlyList<Decision> WithheldAncestors) Check(
        DecisionRequest r, EntryGraph graph, ParentChain chain, IReadOnlyList<RuleCheck> patientRules)
    {
        var entry = chain.Path[0];
        var parentId = graph.Entries[entry].ParentId;
        if (parentId is null)
        {
            return (Result(false, "no parent"), []);
        }

        if (graph.IsDuplicated(entry))
        {
            return (Result(false, "not checked: the id is duplicated, so its parent link is not followed (rule 0)"), []);
        }

        if (graph.ParentIsMissing(entry))
        {
            return (Result(false, "not checked: the parent is not in the request (rule 0)"), []);
        }

        if (chain.Path.Count == 1)
        {
            return (Result(false, "not checked: the entry is its own parent (rule 0)"), []);
        }

        var ancestors = chain.Path.Skip(1).Select(p => graph.Entries[p].Id).ToList();
        for (var k = 1; k < chain.Path.Count; k++)
        {
            if (DecisionExplainer.OwnChecks(r, graph, chain, k, patientRules).FirstOrDefault(c => c.Applies) is { } own)
            {
                var upToWithheld = ancestors.Take(k).ToList();
                var top = upToWithheld[^1];
                return (Result(true, $"{Chain(upToWithheld)}: {Quote(top)} is withheld ({own.Reason}: {own.Detail})"),
                    [.. upToWithheld.Take(k - 1).Select(id => new Decision(id, ParentWithheld, r.RuleSet)), new Decision(top, own.Reason, r.RuleSet)]);
            }
        }

        return (Result(false, $"no ancestor is withheld: {Chain(ancestors)}"), []);
    }

    private static RuleCheck Result(bool applies, string detail) => new(12, ParentWithheld, applies, detail);
}
