using RecordAccess.Core.Model;
using RecordAccess.Core.Policy.Audit;

namespace RecordAccess.Server.Safety;

/// <summary>What the decision audit holds for a replay (contract A: the compact audit's entry facts and evaluation date).</summary>
internal static class AuditedDecision
{
    public static Task<DecisionAuditRecord?> ReadAsync(IDecisionAuditStore store, Guid decisionId, CancellationToken ct) => store.ReadAsync(decisionId, ct);

    /// <summary>The entry facts and evaluation date the engine used; nulls for records written before the compact audit.</summary>
    public static (IReadOnlyList<EntryFacts>? Entries, InputDate? EvaluationDate) FactsOf(DecisionAuditRecord record) => (record.Entries, record.EvaluationDate);
}
