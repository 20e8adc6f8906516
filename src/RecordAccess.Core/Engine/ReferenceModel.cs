using RecordAccess.Core.Identifiers;
using RecordAccess.Core.Model;

namespace RecordAccess.Core.Engine;

/// <summary>
/// The rule table of <c>domain.md</c>, read literally: one entry at a time, the first rule that applies
/// decides. Deliberately naive (quadratic, recursive, allocating): it is the specification the fast
/// <see cref="DecisionEngine"/> is tested against, not the production path. Reads the request's
/// <see cref="DecisionRequest.RuleSet"/>: rule set 2024.1 has no rule 11a, no entry code, and takes every fact whatever its date.
/// </summary>
public static class ReferenceModel
{
    private const string Declined = "1290331000000103";
    private const string ReviewIndicated = "1364731000000104";
    private const string ReviewNotIndicated = "1364751000000106";

    /// <summary>Decides every entry of the request, in request order.</summary>
    /// <param name="request">The request.</param>
    public static Decision[] Evaluate(DecisionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Entries.Select(e => new Decision(e.Id, Decide(request, e), request.RuleSet)).ToArray();
    }

    /// <summary>Decides one entry of the request.</summary>
    /// <param name="r">The request.</param>
    /// <param name="e">One of its entries.</param>
    public static ReasonCode Decide(DecisionRequest r, EntryFacts e)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(e);

        // Rule 0: the input cannot be trusted.
        if (RequestValidator.FindProblem(r) is not null || EntryIsInvalid(r, e))
        {
            return ReasonCode.DecisionUnavailable;
        }

        var today = r.EvaluationDate.Value;
        var practice = r.Practice!;
        var patient = r.Patient!;
        var v2025 = r.RuleSet == RuleSetVersion.V2025_1;

        // In effect (2025.1): facts that open access (a 106, an individual grant) count from their effective date;
        // withholding facts (103, 104) count at once. Under 2024.1 every fact counts whatever its date.
        var grant = v2025 && patient.IndividualGrantDate.IsValid && patient.IndividualGrantDate.Value > today
            ? InputDate.Absent
            : patient.IndividualGrantDate;
        var codes = patient.Codes.Where(c => !(v2025 && c.Code == ReviewNotIndicated && c.EffectiveDate.Value > today)).ToList();

        // Rule 1: national pause, or switch-on after the evaluation date.
        if (r.NationalPause || practice.SwitchOnDate.Value > today)
        {
            return ReasonCode.RolloutNotActive;
        }

        // Rule 2: practice opted out, no individual grant in effect.
        if (practice.OptedOut && !grant.IsValid)
        {
            return ReasonCode.PracticeOptedOut;
        }

        // Rule 3: under 16 on the evaluation date.
        if (AgeOn(patient.DateOfBirth.Value, today) < RuleSet.MinimumAge)
        {
            return ReasonCode.PatientUnder16;
        }

        // Rule 4: a 103 code and no grant strictly after the latest 103.
        var declinedOn = codes.Where(c => c.Code == Declined).Select(c => (DateOnly?)c.EffectiveDate.Value).Max();
        if (declinedOn is { } d && !GrantedAfter(grant, d))
        {
            return ReasonCode.PatientDeclined;
        }

        // Rule 5: the latest of 104/106 is a 104 (104 wins a tie), no grant strictly after that 104.
        var latestReview = codes
            .Where(c => c.Code is ReviewIndicated or ReviewNotIndicated)
            .OrderBy(c => c.EffectiveDate.Value)
            .ThenBy(c => c.Code == ReviewIndicated ? 1 : 0)
            .LastOrDefault();
        if (latestReview is { Code: ReviewIndicated } && !GrantedAfter(grant, latestReview.EffectiveDate.Value))
        {
            return ReasonCode.EnhancedReviewRequired;
        }

        // Rule 6: restricted for risk of serious harm; no grant overrides it.
        if (patient.Restricted)
        {
            return ReasonCode.RestrictedRiskOfHarm;
        }

        // Rule 7: active safeguarding flag; no grant overrides it.
        if (patient.SafeguardingFlag)
        {
            return ReasonCode.SafeguardingFlag;
        }

        // Rule 8: recorded before the access start, unless historic access covers the recorded date.
        var recorded = e.RecordedDate.Value;
        DateOnly[] starts = [practice.SwitchOnDate.Value, patient.RegistrationDate.Value, .. Present(patient.IndividualStartDate)];
        var historicCovers = patient.HistoricFromDate.IsValid && patient.HistoricFromDate.Value <= recorded;
        if (recorded < starts.Max() && !historicCovers)
        {
            return ReasonCode.BeforeAccessStart;
        }

        // Rule 9: not final, or a diary entry.
        if (e.Status != EntryStatus.Final || e.Kind == EntryKind.Diary)
        {
            return ReasonCode.NotFinal;
        }

        // Rule 10: redacted (whole entries only).
        if (e.Redacted)
        {
            return ReasonCode.EntryRedacted;
        }

        // Rule 11: a sensitivity label, not released by a clinician.
        if (e.Labels.Any(RuleSet.IsSensitiveLabel) && !e.Released)
        {
            return ReasonCode.EntrySensitive;
        }

        // Rule 11a (2025.1): the entry records an online-access code; no release or grant lifts it.
        if (v2025 && RuleSet.IsAccessControlCode(e.Code))
        {
            return ReasonCode.AccessControlCode;
        }

        // Rule 12: the parent (and so any ancestor) is withheld for any reason.
        if (ParentOf(r, e) is { } parent && Decide(r, parent) != ReasonCode.Visible)
        {
            return ReasonCode.ParentWithheld;
        }

        return ReasonCode.Visible;
    }

    /// <summary>Rule 0 for one entry.</summary>
    private static bool EntryIsInvalid(DecisionRequest r, EntryFacts e)
    {
        var today = r.EvaluationDate.Value;
        return !EntryId.IsValid(e.Id)
            || IsDuplicate(r, e)
            || !Enum.IsDefined(e.Kind) || e.Kind == EntryKind.Unknown
            || !Enum.IsDefined(e.Status) || e.Status == EntryStatus.Unknown
            || !e.RecordedDate.IsValid
            || e.RecordedDate.Value > today
            || (r.RuleSet == RuleSetVersion.V2025_1 && e.Code is not null && !SnomedCode.TryParse(e.Code, out _, out _))
            || e.ParentId == string.Empty
            || (e.ParentId is not null && ParentOf(r, e) is null)
            || ChainLeadsBackTo(r, e);
    }

    /// <summary>
    /// The parent in the same request: the first entry with the parent id (any duplicate is itself invalid).
    /// An empty parent id refers to nothing, even where an entry (itself invalid) has an empty id.
    /// </summary>
    private static EntryFacts? ParentOf(DecisionRequest r, EntryFacts e) =>
        string.IsNullOrEmpty(e.ParentId) ? null : r.Entries.FirstOrDefault(x => x.Id == e.ParentId);

    private static bool IsDuplicate(DecisionRequest r, EntryFacts e) => r.Entries.Count(x => x.Id == e.Id) > 1;

    /// <summary>
    /// Follows parents up from <paramref name="e"/>. A chain ends at a duplicated id: that entry is invalid
    /// anyway, and which copy's parent link to follow would depend on entry order.
    /// </summary>
    private static bool ChainLeadsBackTo(DecisionRequest r, EntryFacts e)
    {
        var current = IsDuplicate(r, e) ? null : ParentOf(r, e);
        for (var steps = 0; current is not null && steps <= r.Entries.Count; steps++)
        {
            if (ReferenceEquals(current, e))
            {
                return true;
            }

            current = IsDuplicate(r, current) ? null : ParentOf(r, current);
        }

        return false;
    }

    private static bool GrantedAfter(InputDate grant, DateOnly date) => grant.IsValid && grant.Value > date;

    private static int AgeOn(DateOnly born, DateOnly day)
    {
        var age = day.Year - born.Year;
        return day < UkCalendar.BirthdayIn(born, day.Year) ? age - 1 : age;
    }

    private static DateOnly[] Present(InputDate date) => date.IsValid ? [date.Value] : [];
}
