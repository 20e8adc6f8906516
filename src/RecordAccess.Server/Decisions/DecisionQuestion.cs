using RecordAccess.Core.Model;
using RecordAccess.Server.Identity;

namespace RecordAccess.Server.Decisions;

/// <summary>
/// One question to <see cref="DecisionPath"/>: who asks, about which patient and entries, at which date (null: today, UK),
/// needing at least which state version (0: any), for what, and on which surface (a metrics tag).
/// </summary>
internal sealed record DecisionQuestion(
    Caller Caller,
    string NhsNumber,
    IReadOnlyList<EntryFacts> Entries,
    DecisionPurpose Purpose,
    string Surface,
    ulong MinStateVersion = 0,
    DateOnly? EvaluationDate = null)
{
    /// <summary>
    /// Optional: given the admitted request with the deciding rule set, returns the request to decide and audit (same
    /// entries, in order). <c>$filter</c> uses it to choose which of an entry's parent links the engine follows
    /// (decision 0087).
    /// </summary>
    public Func<DecisionRequest, DecisionRequest>? Settle { get; init; }
}
