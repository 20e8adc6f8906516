using System.Globalization;
using RecordAccess.Core.Policy;
using RecordAccess.Server.Contracts.V1;

namespace RecordAccess.Server.Admin;

/// <summary>Maps Core's <see cref="PatientView"/> to the contract's <see cref="PatientState"/>.</summary>
internal static class PatientStates
{
    public static PatientState ToMessage(PatientView view, long version)
    {
        var message = new PatientState
        {
            NhsNumber = view.NhsNumber,
            Ods = view.Ods ?? "",
            DateOfBirth = Text(view.DateOfBirth),
            RegistrationDate = Text(view.RegistrationDate),
            Restricted = view.Restricted,
            IndividualGrantDate = Text(view.IndividualGrantDate),
            IndividualStartDate = Text(view.IndividualStartDate),
            HistoricFromDate = Text(view.HistoricFromDate),
            StateVersion = (ulong)version,
        };
        message.Codes.AddRange(view.Codes.Select(c => new Contracts.V1.PatientCode { Code = c.Code, EffectiveDate = c.EffectiveDate.IsValid ? Text(c.EffectiveDate.Value) : "" }));
        message.SafeguardingFlags.AddRange(view.SafeguardingFlags);
        message.RedactedEntries.AddRange(view.RedactedEntries);
        message.ReleasedEntries.AddRange(view.ReleasedEntries);
        return message;
    }

    public static string Text(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
