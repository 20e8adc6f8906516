using RecordAccess.Core.Model;
using RecordAccess.Core.Policy.Audit;
using RecordAccess.Storage;

namespace RecordAccess.Server.Safety;

/// <summary>What the decision audit holds for a replay (contract A: the compact audit's entry facts and evaluation date).</summary>
internal static class AuditedDecision
{
    public static Task<DecisionAuditRecord?> ReadAsync(PolicyStore store, Guid decisionId, CancellationToken ct)
    {
        _ = store;
        _ = decisionId;
        _ = ct;

        // Contract A (branch audit) adds IDecisionAuditStore.ReadAsync; until it is merged no record can be read by id.
        return Task.FromResult<DecisionAuditRecord?>(null);
    }

    public static (IReadOnlyList<EntryFacts>? Entries, InputDate? EvaluationDate) FactsOf(DecisionAuditRecord record)
    {
        _ = record;
        return (null, null);
    }
}
