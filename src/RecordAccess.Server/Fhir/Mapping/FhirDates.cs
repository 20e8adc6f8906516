using System.Globalization;
using RecordAccess.Core.Engine;
using RecordAccess.Core.Model;

namespace RecordAccess.Server.Fhir.Mapping;

/// <summary>
/// FHIR date, dateTime and instant values as UK calendar dates. A full date is taken as it is; a dateTime with a
/// time (which FHIR requires to carry an offset) is converted to its Europe/London date. A partial date
/// (<c>2024</c>, <c>2024-03</c>) cannot say which day, so it is invalid: the entry is withheld (rule 0).
/// </summary>
internal static class FhirDates
{
    public static InputDate ToUkDate(string? text)
    {
        if (text is null)
        {
            return InputDate.Absent;
        }

        if (text.Length == 10)
        {
            return InputDate.Parse(text);
        }

        return text.Length > 10 && text[10] == 'T' && (text.EndsWith('Z') || text.Length > 16 && text[^6] is '+' or '-')
            && DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)
            ? InputDate.Of(UkCalendar.DateAt(instant))
            : InputDate.Invalid;
    }

    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];
}
