namespace RecordAccess.Core.Engine;

/// <summary>
/// The UK calendar (Europe/London): the evaluation date is the UK date of the moment of evaluation,
/// so a midnight switch-on happens at UK midnight in GMT and in BST alike.
/// </summary>
public static class UkCalendar
{
    /// <summary>The Europe/London time zone, from the system's tz database.</summary>
    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    /// <summary>The UK calendar date at <paramref name="instant"/>.</summary>
    /// <param name="instant">A moment in time.</param>
    public static DateOnly DateAt(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    /// <summary>Today's UK calendar date by <paramref name="clock"/>.</summary>
    /// <param name="clock">The injected clock.</param>
    public static DateOnly Today(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DateAt(clock.GetUtcNow());
    }

    /// <summary>
    /// The date on which someone born on <paramref name="dateOfBirth"/> has their birthday in
    /// <paramref name="year"/>: a 29 February birthday counts as 1 March in non-leap years.
    /// </summary>
    /// <param name="dateOfBirth">The date of birth.</param>
    /// <param name="year">The year of the birthday.</param>
    public static DateOnly BirthdayIn(DateOnly dateOfBirth, int year) =>
        dateOfBirth is { Month: 2, Day: 29 } && !DateTime.IsLeapYear(year)
            ? new DateOnly(year, 3, 1)
            : new DateOnly(year, dateOfBirth.Month, dateOfBirth.Day);
}
