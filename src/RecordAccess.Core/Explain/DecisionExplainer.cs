using RecordAccess.Core.Engine;
using RecordAccess.Core.Model;

namespace RecordAccess.Core.Explain;

/// <summary>
/// Explains one entry's decision for staff ("why can't the patient see this?"): every rule of the rule table
/// in order (0–12, with 11a under rule set 2025.1), whether it applies, and the facts it read. Written like <see cref="ReferenceModel"/>, one
/// rule at a time, and kept equal to <see cref="DecisionEngine"/> by differential tests. Not the hot path: it
/// allocates freely, but stays linear in the size of the request however deep or cyclic its parent chains.
/// The details name withholding facts (flags, restrictions): never show them to the patient.
/// </summary>
public static class DecisionExplainer
{
    /// <summary>Explains the first entry whose id is <paramref name="entryId"/>; null when no entry has that id.</summary>
    /// <param name="request">The request the entry belongs to (its ancestors must be in it).</param>
    /// <param name="entryId">The entry's id (compared exactly).</param>
    public static EntryExplanation? Explain(DecisionRequest request, string entryId)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(entryId);
        for (var i = 0; i < request.Entries.Count; i++)
        {
            if (string.Equals(request.Entries[i].Id, entryId, StringComparison.Ordinal))
            {
                return Explain(request, i);
            }
        }

        return null;
    }

    /// <summary>Explains the entry at <paramref name="entryIndex"/> of the request.</summary>
    /// <param name="request">The request.</param>
    /// <param name="entryIndex">The entry's position in <see cref="DecisionRequest.Entries"/>.</param>
    public static EntryExplanation Explain(DecisionRequest request, int entryIndex)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfNegative(entryIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(entryIndex, request.Entries.Count);
        var entry = request.Entries[entryIndex];

        // Rule 0 for the whole request: no other fact can be trusted, so no other rule is read.
        if (RequestValidator.FindProblem(request) is { } problem)
        {
            const string NotChecked = "not checked: the request cannot be trusted (rule 0)";
            RuleCheck[] unread = [new(0, ReasonCode.DecisionUnavailable, true, $"the request cannot be trusted: {problem}"),
                .. Enumerable.Range(1, 11).Select(rule => new RuleCheck(rule, (ReasonCode)rule, false, NotChecked)),
                .. request.RuleSet == RuleSetVersion.V2025_1 ? [new RuleCheck(11, ReasonCode.AccessControlCode, false, NotChecked)] : Array.Empty<RuleCheck>(),
                new RuleCheck(12, ReasonCode.ParentWithheld, false, NotChecked)];
            return new(new Decision(entry.Id, ReasonCode.DecisionUnavailable, request.RuleSet), unread, [], problem);
        }

        var graph = new EntryGraph(request.Entries);
        var chain = ParentChain.From(graph, entryIndex);
        var patientRules = PatientRules.Check(request);
        var (rule12, ancestors) = ParentRule.Check(request, graph, chain, patientRules);
        RuleCheck[] checks = [.. OwnChecks(request, graph, chain, 0, patientRules), rule12];

        // Strict rule order: the first rule that applies decides.
        var reason = checks.FirstOrDefault(c => c.Applies)?.Reason ?? ReasonCode.Visible;
        return new(new Decision(entry.Id, reason, request.RuleSet), checks, ancestors, null);
    }

    /// <summary>Rules 0–11 (and 11a) for <paramref name="chain"/>.Path[<paramref name="k"/>]: everything but its parent.</summary>
    internal static RuleCheck[] OwnChecks(DecisionRequest r, EntryGraph graph, ParentChain chain, int k, IReadOnlyList<RuleCheck> patientRules) =>
        [EntryRules.Rule0(r, graph, chain, k), .. patientRules, .. EntryRules.Rules8To11a(r, graph.Entries[chain.Path[k]])];
}
