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
        return
        [
            Rule1(r.NationalPause, practice.SwitchOnDate.Value, today),
            Rule2(practice.OptedOut, patient.IndividualGrantDate),
            Rule3(patient.DateOfBirth.Value, today),
            Rule4(patient),
            Rule5(patient),
            new(6, RestrictedRiskOfHarm, patient.Restricted,
                patient.Restricted ? "restricted for risk of serious harm; no grant overrides this" : "not restricted"),
            new(7, SafeguardingFlag, patient.SafeguardingFlag,
                patient.SafeguardingFlag ? "active safeguarding flag; no grant overrides this" : "no active safeguarding flag"),
        ];
    }

    private static RuleCheck Rule1(bool pause, DateOnly switchOn, DateOnly today)
    {
        var notYet = switchOn > today;
        var practice = notYet
            ? $"practice switch-on {Day(switchOn)} is after the evaluation date {Day(today)}"
            : $"practice switched on {Day(switchOn)}, by the evaluation date {Day(today)}";
        return new(1, RolloutNotActive, pause || notYet, $"{(pause ? "national pause is on" : "no national pause")}; {practice}");
    }

    private static RuleCheck Rule2(bool optedOut, InputDate grant)
    {
        var detail = !optedOut ? "practice has not opted out"
            : grant.IsValid ? $"practice opted out; individual grant of {Day(grant.Value)}"
            : "practice opted out; no individual grant";
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

    private static RuleCheck Rule4(PatientFacts patient)
    {
        var declined = patient.Codes.Where(c => c.Code == Declined).Select(c => c.EffectiveDate.Value).ToList();
        if (declined.Count == 0)
        {
            return new(4, PatientDeclined, false, "no 103 code (online access declined)");
        }

        var latest = declined.Max();
        var grant = patient.IndividualGrantDate;
        var lifted = grant.IsValid && grant.Value > latest;
        return new(4, PatientDeclined, !lifted, $"latest 103 (declined) of {Day(latest)}; {GrantAfter(grant, latest)}");
    }

    private static RuleCheck Rule5(PatientFacts patient)
    {
        // The latest by effective date; on the same date a 104 comes after a 106, so it wins the tie.
        var reviews = patient.Codes
            .Where(c => c.Code is ReviewIndicated or ReviewNotIndicated)
            .OrderBy(c => c.EffectiveDate.Value)
            .ThenBy(c => c.Code == ReviewIndicated ? 1 : 0)
            .ToList();
        if (reviews.Count == 0)
        {
            return new(5, EnhancedReviewRequired, false, "no 104/106 code (enhanced review)");
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
        var grant = patient.IndividualGrantDate;
        var lifted = grant.IsValid && grant.Value > date;
        return new(5, EnhancedReviewRequired, !lifted, $"latest of 104/106 is 104 of {Day(date)}{tie}; {GrantAfter(grant, date)}");
    }
}
