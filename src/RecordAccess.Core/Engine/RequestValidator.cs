using RecordAccess.Core.Identifiers;
using RecordAccess.Core.Model;

namespace RecordAccess.Core.Engine;

/// <summary>
/// Rule 0 for the whole request: the checks that make every entry <c>DecisionUnavailable</c>.
/// Shared by both evaluators and by the network surfaces, which reject such a request with this message.
/// </summary>
public static class RequestValidator
{
    /// <summary>The first reason the request as a whole cannot be trusted, or null when it can.</summary>
    /// <param name="request">The request.</param>
    public static InputProblem? FindProblem(DecisionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Date(request.EvaluationDate, "evaluationDate", required: true) is { } p0)
        {
            return p0;
        }

        if (request.Practice is not { } practice)
        {
            return new("practice", "the practice is unknown");
        }

        if (!OdsCode.TryParse(practice.Ods, out _, out var odsError))
        {
            return new("practice.ods", odsError!);
        }

        if (Date(practice.SwitchOnDate, "practice.switchOnDate", required: true) is { } p1)
        {
            return p1;
        }

        return request.Patient is { } patient ? FindPatientProblem(patient) : new("patient", "the patient is unknown");
    }

    private static InputProblem? FindPatientProblem(PatientFacts patient)
    {
        if (!NhsNumber.TryParse(patient.NhsNumber, out _, out var nhsError))
        {
            return new("patient.nhsNumber", nhsError!);
        }

        var problem = Date(patient.DateOfBirth, "patient.dateOfBirth", required: true)
            ?? Date(patient.RegistrationDate, "patient.registrationDate", required: true)
            ?? Date(patient.IndividualStartDate, "patient.individualStartDate", required: false)
            ?? Date(patient.IndividualGrantDate, "patient.individualGrantDate", required: false)
            ?? Date(patient.HistoricFromDate, "patient.historicFromDate", required: false);
        if (problem is not null)
        {
            return problem;
        }

        for (var i = 0; i < patient.Codes.Count; i++)
        {
            var code = patient.Codes[i];
            if (!SnomedCode.TryParse(code.Code, out _, out var codeError))
            {
                return new($"patient.codes[{i}].code", codeError!);
            }

            // The field name is built only for a bad date, so that checking a valid request allocates nothing.
            if (!code.EffectiveDate.IsValid)
            {
                return Date(code.EffectiveDate, $"patient.codes[{i}].effectiveDate", required: true);
            }
        }

        return null;
    }

    private static InputProblem? Date(InputDate date, string field, bool required) => date.State switch
    {
        InputDateState.Valid => null,
        InputDateState.Invalid => new(field, "is not a YYYY-MM-DD calendar date"),
        _ => required ? new(field, "is missing") : null,
    };
}
