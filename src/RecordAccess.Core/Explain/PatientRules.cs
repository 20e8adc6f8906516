using RecordAccess.Core.Engine;
using RecordAccess.Core.Model;
using static RecordAccess.Core.Explain.Words;
using static RecordAccess.Core.Model.ReasonCode;

namespace RecordAccess.Core.Explain;

/// <summary>Rules 1–7 of the rule table, each read on its own, with the facts it read.</summary>
internal static class PatientRules
{
    private const string Declined = "1290331000000103";
    private const string ReviewIndicated = "1364731000000104";
    private const string ReviewNotIndicated = "1364751000000106";

    /// <summary>Rules 1–7, in order, for a request that <see cref="RequestValidator"/> accepts.</summary>
    public static RuleCheck[] Check(DecisionRequest r)
    {
        var today = r.EvaluationDate.Value;
        var practice = r.Practice!;
        var patient = r.Patient!;
        var inEffect = InEffect(r);
        return
        [
            Rule1(r.NationalPause, practice.SwitchOnDate.Value, today),
            Rule2(practice.OptedOut, patient.IndividualGrantDate, inEffect),
            Rule3(patient.DateOfBirth.Value, today),
            Rule4(patient, inEffect),
            Rule5(patient, inEffect),
            new(6, RestrictedRiskOfHarm, patient.Restricted,
                patient.Restricted ? "restricted for risk of serious harm; no grant overrides this" : "not restricted"),
            new(7, SafeguardingFlag, patient.SafeguardingFlag,
                patient.SafeguardingFlag ? "active safeguarding flag; no grant overrides this" : "no active safeguarding flag"),
        ];
    }

    /// <summary>
    /// What "in effect" leaves of the facts that open access (rule set 2025.1): a 106 or an individual grant counts from
    /// its effective date; 103 and 104 count at once. Under 2024.1 every fact counts whatever its date.
    /// </summary>
    private static InEffectFacts InEffect(DecisionRequest r)
    {
        var patient = r.Patient!;
        var today = r.EvaluationDate.Value;
        if (r.RuleSet == RuleSetVersion.V2024_1)
        {
            return new(patient.IndividualGrantDate, null, patient.Codes);
        }

        var grant = patient.IndividualGrantDate;
        var futureGrant = grant.IsValid && grant.Value > today;
        var waiting = futureGrant ? $"individual grant of {Day(grant.Value)} not in effect until then" : null;
        var codes = patient.Codes.Where(c => !(c.Code == ReviewNotIndicated && c.EffectiveDate.Value > today)).ToList();
        return new(futureGrant ? InputDate.Absent : grant, waiting, codes,
            patient.Codes.Where(c => c.Code == ReviewNotIndicated && c.EffectiveDate.Value > today).Select(c => c.EffectiveDate.Value).Order().ToList());
    }

    private static RuleCheck Rule1(bool pause, DateOnly switchOn, DateOnly today)
    {
        var notYet = switchOn > today;
        var practice = notYet
            ? $"practice switch-on {Day(switchOn)} is after the evaluation date {Day(today)}"
            : $"practice switched on {Day(switchOn)}, by the evaluation date {Day(today)}";
        return new(1, RolloutNotActive, pause || notYet, $"{(pause ? "national pause is on" : "no national pause")}; {practice}");
    }

    private static RuleCheck Rule2(bool optedOut, InputDate sent, InEffectFacts facts)
    {
        var grant = facts.Grant;
        var detail = !optedOut ? "practice has not opted out"
            : grant.IsValid ? $"practice opted out; individual grant of {Day(grant.Value)}"
            : facts.GrantWaiting is { } waiting ? $"practice opted out; {waiting}"
            : "practice opted out; no individual grant";
        _ = sent;
        return new(2, PracticeOptedOut, optedOut && !grant.IsValid, detail);
    }

    private static RuleCheck Rule3(DateOnly born, DateOnly today)
    {
        var year = born.Year + RuleSet.MinimumAge;
        if (year > DateOnly.MaxValue.Year)
        {
            return new(3, PatientUnder16, true, $"born {Day(born)}: not 16 by {Day(DateOnly.MaxValue)}");
        }

        var sixteen = UkCalendar.BirthdayIn(born, year);
        var leapDay = born is { Month: 2, Day: 29 } && sixteen.Month == 3 ? " (a 29 February birthday counts as 1 March)" : "";
        var under = today < sixteen;
        var when = under ? "after" : "on or before";
        return new(3, PatientUnder16, under, $"born {Day(born)}: 16 on {Day(sixteen)}{leapDay}, {when} the evaluation date {Day(today)}");
    }

    private static RuleCheck Rule4(PatientFacts patient, InEffectFacts facts)
    {
        var declined = facts.Codes.Where(c => c.Code == Declined).Select(c => c.EffectiveDate.Value).ToList();
        if (declined.Count == 0)
        {
            return new(4, PatientDeclined, false, "no 103 code (online access declined)");
        }

        var latest = declined.Max();
        var grant = facts.Grant;
        var lifted = grant.IsValid && grant.Value > latest;
        return new(4, PatientDeclined, !lifted, $"latest 103 (declined) of {Day(latest)}; {GrantAfter(grant, latest)}{facts.GrantNote}");
    }

    private static RuleCheck Rule5(PatientFacts patient, InEffectFacts facts)
    {
        _ = patient;

        // The latest by effective date; on the same date a 104 comes after a 106, so it wins the tie.
        var reviews = facts.Codes
            .Where(c => c.Code is ReviewIndicated or ReviewNotIndicated)
            .OrderBy(c => c.EffectiveDate.Value)
            .ThenBy(c => c.Code == ReviewIndicated ? 1 : 0)
            .ToList();
        if (reviews.Count == 0)
        {
            return new(5, EnhancedReviewRequired, false, "no 104/106 code (enhanced review)" + facts.WaitingNote);
        }

        var latest = reviews[^1];
        var date = latest.EffectiveDate.Value;
        if (latest.Code == ReviewNotIndicated)
        {
            return new(5, EnhancedReviewRequired, false, $"latest of 104/106 is 106 of {Day(date)}");
        }

        var tie = reviews.Any(c => c.Code == ReviewNotIndicated && c.EffectiveDate.Value == date)
            ? " (a 106 of the same date loses the tie)"
            : "";
        var grant = facts.Grant;
        var lifted = grant.IsValid && grant.Value > date;
        return new(5, EnhancedReviewRequired, !lifted,
            $"latest of 104/106 is 104 of {Day(date)}{tie}{facts.WaitingNote}; {GrantAfter(grant, date)}{facts.GrantNote}");
    }

    /// <summary>The facts rules 2, 4 and 5 read, after "in effect"; the notes say what waits for its effective date.</summary>
    private sealed record InEffectFacts(InputDate Grant, string? GrantWaiting, IReadOnlyList<PatientCode> Codes, IReadOnlyList<DateOnly>? Waiting106 = null)
    {
        public string GrantNote => GrantWaiting is null ? "" : $" ({GrantWaiting})";

        public string WaitingNote => Waiting106 is { Count: > 0 } dates
            ? $" (106 of {string.Join(", ", dates.Select(Day))} not in effect until then)"
            : "";
    }
}
