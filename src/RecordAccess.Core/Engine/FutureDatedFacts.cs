using RecordAccess.Core.Model;

namespace RecordAccess.Core.Engine;

/// <summary>
/// The staged rule for hazard H12 ("future-dated codes wait"): access codes and the individual grant that take
/// effect after the evaluation date are ignored until that date, so a 106 dated next month does not lift a 104
/// today. Decision D4 reads the rule table literally (every fact counts whatever its date); this rule is rolled
/// out behind a switch, and decisions it makes carry <see cref="RuleSet.FutureDatedCodesWaitVersion"/>.
/// </summary>
public static class FutureDatedFacts
{
    /// <summary>
    /// The request without the patient's codes and individual grant dated after the evaluation date. Returns
    /// <paramref name="request"/> itself when nothing is future-dated (or the request is invalid as a whole,
    /// which the engine answers anyway), so the common case allocates nothing.
    /// </summary>
    /// <param name="request">The request as built from the policy state.</param>
    public static DecisionRequest Ignore(DecisionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.EvaluationDate.IsValid || request.Patient is not { } patient)
        {
            return request;
        }

        var today = request.EvaluationDate.Value;
        var grantIsFuture = patient.IndividualGrantDate.IsValid && patient.IndividualGrantDate.Value > today;
        var futureCodes = 0;
        for (var i = 0; i < patient.Codes.Count; i++)
        {
            if (IsFuture(patient.Codes[i], today))
            {
                futureCodes++;
            }
        }

        if (!grantIsFuture && futureCodes == 0)
        {
            return request;
        }

        var codes = patient.Codes;
        if (futureCodes > 0)
        {
            var kept = new List<PatientCode>(patient.Codes.Count - futureCodes);
            for (var i = 0; i < patient.Codes.Count; i++)
            {
                if (!IsFuture(patient.Codes[i], today))
                {
                    kept.Add(patient.Codes[i]);
                }
            }

            codes = kept;
        }

        return request with
        {
            Patient = patient with
            {
                Codes = codes,
                IndividualGrantDate = grantIsFuture ? InputDate.Absent : patient.IndividualGrantDate,
            },
        };
    }

    private static bool IsFuture(PatientCode code, DateOnly today) => code.EffectiveDate.IsValid && code.EffectiveDate.Value > today;
}
