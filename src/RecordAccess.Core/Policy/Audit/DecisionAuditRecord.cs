using RecordAccess.Core.Model;

namespace RecordAccess.Core.Policy.Audit;

/// <summary>The durable record of one evaluation request.</summary>
/// <param name="DecisionId">The id returned to the caller.</param>
/// <param name="RecordedAt">When the request was decided.</param>
/// <param name="Caller">Who asked (supplier client id, staff user, patient app).</param>
/// <param name="NhsNumber">The patient, as asked.</param>
/// <param name="StateVersion">The policy state version the decision read.</param>
/// <param name="RuleSetVersion">The rule set that decided.</param>
/// <param name="Decisions">Every entry id with its answer, in request order.</param>
/// <param name="Flags">
/// The rollout switches as resolved for this request (e.g. <c>NationalPause=off;Gate=on;RuleSet2025=shadow;RuleSet2025.shadowDifferences=3</c>,
/// the count appended by the gate in shadow),
/// so the decision can be reproduced; null when none were resolved (records written before flags existed).
/// </param>
/// <remarks>
/// The init properties (<see cref="Entries"/>, <see cref="EvaluationDate"/>, <see cref="ShadowDifferences"/>,
/// <see cref="PracticeOds"/>) are what a replay needs beyond the answers (decision 0108); they are null on records
/// written before the compact audit format (the JSON rows), which hold the answers only.
/// </remarks>
public sealed record DecisionAuditRecord(
    Guid DecisionId,
    DateTimeOffset RecordedAt,
    string Caller,
    string NhsNumber,
    long StateVersion,
    string RuleSetVersion,
    IReadOnlyList<Decision> Decisions,
    string? Flags = null)
{
    /// <summary>The entries as the engine saw them (supplier facts merged with the state's redactions/releases), request order.</summary>
    public IReadOnlyList<EntryFacts>? Entries { get; init; }

    /// <summary>The evaluation date the engine used.</summary>
    public InputDate? EvaluationDate { get; init; }

    /// <summary>Entries the staged rule set (shadow mode) answered differently: entry id + the shadow's reason.</summary>
    public IReadOnlyList<Decision>? ShadowDifferences { get; init; }

    /// <summary>The patient's practice (ODS) at decision time, when registered.</summary>
    public string? PracticeOds { get; init; }

    /// <summary>
    /// True when the record needs a person's attention (a near miss): any answer is
    /// <see cref="ReasonCode.DecisionUnavailable"/>, or the staged rule set in shadow answered any entry differently.
    /// </summary>
    public bool NeedsAttention => HasUnavailable || ShadowDifferences is { Count: > 0 };

    /// <summary>True when any answer is <see cref="ReasonCode.DecisionUnavailable"/>.</summary>
    public bool HasUnavailable
    {
        get
        {
            foreach (var d in Decisions)
            {
                if (d.Reason == ReasonCode.DecisionUnavailable)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
