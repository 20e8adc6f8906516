using RecordAccess.Core.Model;

namespace RecordAccess.Core.Engine;

/// <summary>
/// The patient-level part of a decision (rules 1–7 and the dates rule 8 needs), computed once per
/// request by <see cref="DecisionEngine"/>.
/// </summary>
internal readonly struct PatientVerdict
{
    private const string Declined = "1290331000000103";
    private const string ReviewIndicated = "1364731000000104";
    private const string ReviewNotIndicated = "1364751000000106";

    private PatientVerdict(ReasonCode reason, DateOnly today, DateOnly accessStart, DateOnly historicFrom, RuleSetVersion ruleSet)
    {
        RuleSet = ruleSet;
        Reason = reason;
        Today = today;
        AccessStart = accessStart;
        HistoricFrom = historicFrom;
    }

    /// <summary>The first of rules 1–7 that applies, or <see cref="ReasonCode.Visible"/> when none does.</summary>
    public ReasonCode Reason { get; }

    /// <summary>The rule set deciding (2025.1 reads entries' codes: rules 0 and 11a).</summary>
    public RuleSetVersion RuleSet { get; }

    public DateOnly Today { get; }

    public DateOnly AccessStart { get; }

    /// <summary>Historic access start; <see cref="DateOnly.MaxValue"/> when there is no historic grant.</summary>
    public DateOnly HistoricFrom { get; }

    /// <summary>Computes the verdict of a request that passed <see cref="RequestValidator"/>.</summary>
    public static PatientVerdict Of(DecisionRequest request)
    {
        var practice = request.Practice!;
        var patient = request.Patient!;
        var today = request.EvaluationDate.Value;

        var accessStart = Max(practice.SwitchOnDate.Value, patient.RegistrationDate.Value);
        if (patient.IndividualStartDate.IsValid)
        {
            accessStart = Max(accessStart, patient.IndividualStartDate.Value);
        }

        var historicFrom = patient.HistoricFromDate.IsValid ? patient.HistoricFromDate.Value : DateOnly.MaxValue;
        return new PatientVerdict(PatientReason(request, practice, patient, today), today, accessStart, historicFrom, request.RuleSet);
    }

    private static ReasonCode PatientReason(DecisionRequest request, PracticeFacts practice, PatientFacts patient, DateOnly today)
    {
        if (request.NationalPause || practice.SwitchOnDate.Value > today)
        {
            return ReasonCode.RolloutNotActive;
        }

        // In effect (2025.1): a 106 or an individual grant counts only from its effective date; a 103 or 104 at once.
        var v2025 = request.RuleSet == RuleSetVersion.V2025_1;
        var hasGrant = patient.IndividualGrantDate.IsValid && !(v2025 && patient.IndividualGrantDate.Value > today);
        if (practice.OptedOut && !hasGrant)
        {
            return ReasonCode.PracticeOptedOut;
        }

        if (IsUnder16(patient.DateOfBirth.Value, today))
        {
            return ReasonCode.PatientUnder16;
        }

        // One pass over the codes: the latest 103, and the latest 104/106 (a 104 wins a tie).
        var latestDeclined = DateOnly.MinValue;
        var hasDeclined = false;
        var latestReview = DateOnly.MinValue;
        var latestReviewBlocks = false;
        var hasReview = false;
        var codes = patient.Codes;
        for (var i = 0; i < codes.Count; i++)
        {
            var code = codes[i];
            var date = code.EffectiveDate.Value;
            switch (code.Code)
            {
                case Declined:
                    latestDeclined = hasDeclined ? Max(latestDeclined, date) : date;
                    hasDeclined = true;
                    break;
                case ReviewIndicated when !hasReview || date >= latestReview:
                    latestReview = date;
                    latestReviewBlocks = true;
                    hasReview = true;
                    break;
                case ReviewNotIndicated when (!hasReview || date > latestReview) && !(v2025 && date > today):
                    latestReview = date;
                    latestReviewBlocks = false;
                    hasReview = true;
                    break;
            }
        }

        var grant = hasGrant ? patient.IndividualGrantDate.Value : DateOnly.MinValue;
        if (hasDeclined && !(hasGrant && grant > latestDeclined))
        {
            return ReasonCode.PatientDeclined;
        }

        if (latestReviewBlocks && !(hasGrant && grant > latestReview))
        {
            return ReasonCode.EnhancedReviewRequired;
        }

        if (patient.Restricted)
        {
            return ReasonCode.RestrictedRiskOfHarm;
        }

        return patient.SafeguardingFlag ? ReasonCode.SafeguardingFlag : ReasonCode.Visible;
    }

    private static bool IsUnder16(DateOnly born, DateOnly today)
    {
        var year = born.Year + Model.RuleSet.MinimumAge;
        return year > DateOnly.MaxValue.Year || today < UkCalendar.BirthdayIn(born, year);
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
