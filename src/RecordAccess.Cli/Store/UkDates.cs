using RecordAccess.Core.Engine;
using RecordAccess.Core.Model;

namespace RecordAccess.Cli.Store;

/// <summary>Reads the commands' date options (strict <c>YYYY-MM-DD</c>) and turns an "as of" date into an instant.</summary>
internal static class UkDates
{
    public static bool TryParse(string? text, out DateOnly date)
    {
        var input = InputDate.Parse(text);
        date = input.IsValid ? input.Value : default;
        return input.IsValid;
    }

    /// <summary>The first instant after the UK calendar day <paramref name="date"/>: "as of 3 March" includes all of 3 March.</summary>
    public static DateTimeOffset EndOfDay(DateOnly date)
    {
        var nextMidnight = date.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(nextMidnight, UkCalendar.Zone), TimeSpan.Zero);
    }
}
