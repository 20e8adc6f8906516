using RecordAccess.Core.Identifiers;
using RecordAccess.Core.Model;
using static RecordAccess.Core.Explain.Words;
using static RecordAccess.Core.Model.ReasonCode;

namespace RecordAccess.Core.Explain;

/// <summary>The entry's own rules: rule 0 for the entry, and rules 8–11 and 11a, with the facts each read.</summary>
internal static class EntryRules
{
    /// <summary>Rule 0 for <paramref name="chain"/>.Path[<paramref name="k"/>] of a request that can be trusted as a whole.</summary>
    public static RuleCheck Rule0(DecisionRequest r, EntryGraph graph, ParentChain chain, int k)
    {
        var i = chain.Path[k];
        var e = graph.Entries[i];
        var today = r.EvaluationDate.Value;
        var problems = new List<string>();
        if (e.Id.Length == 0)
        {
            problems.Add("the id is empty");
        }
        else if (!EntryId.IsValid(e.Id))
        {
            problems.Add("the id is not " + EntryId.Rule);
        }
        else if (graph.CountOf(e.Id) is var copies and > 1)
        {
            problems.Add($"the id {Quote(e.Id)} is used by {copies} entries");
        }

        if (!IsKnown(e.Kind))
        {
            problems.Add("the kind is not one the rule table knows");
        }

        if (!IsKnown(e.Status))
        {
            problems.Add("the status is not one the rule table knows");
        }

        if (e.RecordedDate.State == InputDateState.Absent)
        {
            problems.Add("the recorded date is missing");
        }
        else if (!e.RecordedDate.IsValid)
        {
            problems.Add("the recorded date is not a YYYY-MM-DD calendar date");
        }
        else if (e.RecordedDate.Value > today)
        {
            problems.Add($"recorded {Day(e.RecordedDate.Value)}, after the evaluation date {Day(today)}");
        }

        if (r.RuleSet == RuleSetVersion.V2025_1 && e.Code is { } code && !SnomedCode.TryParse(code, out _, out var codeError))
        {
            problems.Add($"the code {Quote(code)} {codeError}");
        }

        if (e.ParentId is { Length: 0 })
        {
            problems.Add("the parent id is empty, which refers to nothing");
        }
        else if (graph.ParentIsMissing(i))
        {
            problems.Add($"the parent {Quote(e.ParentId!)} is not in the request");
        }
        else if (chain.OnCycle(k))
        {
            problems.Add(chain.Path.Count - chain.LoopStart == 1
                ? "the entry is its own parent"
                : $"its parent chain leads back to it: {Chain(chain.CycleFrom(k).Select(p => graph.Entries[p].Id))}");
        }

        if (problems.Count > 0)
        {
            return new(0, DecisionUnavailable, true, string.Join("; ", problems));
        }

        var parent = e.ParentId is null ? "no parent" : $"parent {Quote(e.ParentId)} in the request";
        return new(0, DecisionUnavailable, false,
            $"the input can be trusted: id {Quote(e.Id)} unique, kind {Kind(e.Kind)}, status {Status(e.Status)}, "
            + $"recorded {Day(e.RecordedDate.Value)} by the evaluation date {Day(today)}, {parent}");
    }

    /// <summary>
    /// Rules 8–11, in order, for <paramref name="e"/> of a request that can be trusted as a whole, then rule 11a under
    /// rule set 2025.1 (rule set 2024.1 has no rule 11a).
    /// </summary>
    public static RuleCheck[] Rules8To11a(DecisionRequest r, EntryFacts e) =>
        r.RuleSet == RuleSetVersion.V2025_1
            ? [Rule8(r.Practice!, r.Patient!, e.RecordedDate), Rule9(e), Rule10(e), Rule11(e), Rule11a(e)]
            : [Rule8(r.Practice!, r.Patient!, e.RecordedDate), Rule9(e), Rule10(e), Rule11(e)];

    private static RuleCheck Rule8(PracticeFacts practice, PatientFacts patient, InputDate recordedDate)
    {
        if (!recordedDate.IsValid)
        {
            return new(8, BeforeAccessStart, false, "not checked: the recorded date cannot be read (rule 0)");
        }

        var recorded = recordedDate.Value;
        var starts = new List<(string Name, DateOnly Date)>
        {
            ("switch-on", practice.SwitchOnDate.Value),
            ("registration", patient.RegistrationDate.Value),
        };
        if (patient.IndividualStartDate.IsValid)
        {
            starts.Add(("individual start", patient.IndividualStartDate.Value));
        }

        var accessStart = starts.Max(s => s.Date);
        var start = $"access start {Day(accessStart)} (latest of {string.Join(", ", starts.Select(s => $"{s.Name} {Day(s.Date)}"))})";
        if (recorded >= accessStart)
        {
            return new(8, BeforeAccessStart, false, $"recorded {Day(recorded)}, on or after {start}");
        }

        var historic = patient.HistoricFromDate;
        var covered = historic.IsValid && historic.Value <= recorded;
        var history = !historic.IsValid ? "no historic access"
            : covered ? $"historic access from {Day(historic.Value)} covers it"
            : $"historic access from {Day(historic.Value)} is after it";
        return new(8, BeforeAccessStart, !covered, $"recorded {Day(recorded)} before {start}; {history}");
    }

    private static RuleCheck Rule9(EntryFacts e)
    {
        var notFinal = e.Status is EntryStatus.Draft or EntryStatus.Provisional or EntryStatus.Unfiled;
        var diary = e.Kind == EntryKind.Diary;
        var why = diary ? " (diary entries are never shown)" : "";
        return new(9, NotFinal, notFinal || diary, $"status {Status(e.Status)}, kind {Kind(e.Kind)}{why}");
    }

    private static RuleCheck Rule10(EntryFacts e) =>
        new(10, EntryRedacted, e.Redacted, e.Redacted ? "marked not visible online" : "not redacted");

    private static RuleCheck Rule11(EntryFacts e)
    {
        var sensitive = e.Labels.Where(RuleSet.IsSensitiveLabel).Distinct(StringComparer.Ordinal).ToList();
        if (sensitive.Count == 0)
        {
            var labels = e.Labels.Count == 0 ? "no labels" : $"no sensitive label (labels {string.Join(", ", e.Labels)})";
            return new(11, EntrySensitive, false, labels);
        }

        var released = e.Released ? "released by a clinician" : "not released by a clinician";
        return new(11, EntrySensitive, !e.Released, $"labels {string.Join(", ", sensitive)}; {released}");
    }

    private static RuleCheck Rule11a(EntryFacts e)
    {
        if (RuleSet.IsAccessControlCode(e.Code))
        {
            return new(11, AccessControlCode, true,
                $"The entry records an online-access code ({AccessCodeName(e.Code!)}); a patient must not learn from their record "
                + "that access was reviewed, restricted or declined. No release or grant lifts this.");
        }

        return new(11, AccessControlCode, false, e.Code is null ? "no code" : $"code {e.Code} is not an online-access code");
    }

    private static string AccessCodeName(string code) => code switch
    {
        "1364731000000104" => "1364731000000104, enhanced review indicated",
        "1364751000000106" => "1364751000000106, enhanced review not indicated",
        _ => "1290331000000103, online access declined by patient",
    };
}
