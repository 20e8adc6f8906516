using System.Globalization;
using RecordAccess.Core.Model;
using RecordAccess.Core.Policy.Audit;

namespace RecordAccess.Core.Safety;

/// <summary>
/// The near misses one audited decision holds (decision 0118): <see cref="NearMissKind.DecisionUnavailable"/> when any
/// entry was answered <c>DecisionUnavailable</c>, and <see cref="NearMissKind.ShadowDifference"/> when the staged rule
/// set in shadow would have shown an entry the live rules withheld or withheld one they showed (a different withholding
/// reason alone changes nothing the patient sees, so it is no near miss). Both carry the decision id (its replay).
/// </summary>
public static class NearMissAudit
{
    /// <summary>The most entry ids a detail names before it says "and N more".</summary>
    private const int NamedEntries = 5;

    /// <summary>The near misses in <paramref name="record"/>, of the practice it names.</summary>
    /// <param name="record">An audited decision.</param>
    public static IEnumerable<NearMiss> Of(DecisionAuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var unavailable = record.Decisions.Where(d => d.Reason == ReasonCode.DecisionUnavailable).Select(d => d.EntryId).ToList();
        if (unavailable.Count > 0)
        {
            yield return new NearMiss(NearMissKind.DecisionUnavailable, record.RecordedAt, record.PracticeOds, record.NhsNumber, record.DecisionId,
                string.Create(CultureInfo.InvariantCulture,
                    $"{unavailable.Count} of {record.Decisions.Count} entries were answered DecisionUnavailable (the request or the state could not be decided; withheld): {Names(unavailable)}. Rule set {record.RuleSetVersion}, state version {record.StateVersion}, caller {record.Caller}."));
        }

        if (record.ShadowDifferences is not { Count: > 0 } shadow)
        {
            yield break;
        }

        var live = new Dictionary<string, Decision>(StringComparer.Ordinal);
        foreach (var d in record.Decisions)
        {
            live.TryAdd(d.EntryId, d);
        }

        var wouldShow = new List<string>();
        var wouldWithhold = new List<string>();
        foreach (var s in shadow)
        {
            if (!live.TryGetValue(s.EntryId, out var l) || l.Visible == s.Visible)
            {
                continue;
            }

            (s.Visible ? wouldShow : wouldWithhold).Add(string.Create(CultureInfo.InvariantCulture, $"{s.EntryId} (live {l.Reason}, staged {s.Reason})"));
        }

        if (wouldShow.Count + wouldWithhold.Count == 0)
        {
            yield break;
        }

        var parts = new List<string>(2);
        if (wouldShow.Count > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"would show {wouldShow.Count} entries the live rules ({record.RuleSetVersion}) withheld: {Names(wouldShow)}"));
        }

        if (wouldWithhold.Count > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"would withhold {wouldWithhold.Count} entries the live rules ({record.RuleSetVersion}) showed: {Names(wouldWithhold)}"));
        }

        yield return new NearMiss(NearMissKind.ShadowDifference, record.RecordedAt, record.PracticeOds, record.NhsNumber, record.DecisionId,
            "The staged rule set (shadow) " + string.Join("; and ", parts) + ".");
    }

    private static string Names(List<string> names) => names.Count <= NamedEntries
        ? string.Join(", ", names)
        : string.Join(", ", names.Take(NamedEntries)) + string.Create(CultureInfo.InvariantCulture, $" and {names.Count - NamedEntries} more");
}
