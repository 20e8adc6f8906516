using System.Globalization;

namespace RecordAccess.Core.Model;

/// <summary>Whether a date field was absent, present but unreadable, or a valid date.</summary>
public enum InputDateState : byte
{
    /// <summary>The field was not given.</summary>
    Absent = 0,

    /// <summary>The field was given but is not a <c>YYYY-MM-DD</c> calendar date.</summary>
    Invalid = 1,

    /// <summary>The field holds a calendar date.</summary>
    Valid = 2,
}

/// <summary>
/// A UK calendar date as it arrived from a caller. Keeping "absent" and "unparseable" apart lets the
/// engine apply rule 0 (untrusted input) itself instead of a surface guessing.
/// </summary>
public readonly record struct InputDate
{
    private InputDate(InputDateState state, DateOnly value)
    {
        State = state;
        Value = value;
    }

    /// <summary>An absent date.</summary>
    public static InputDate Absent => default;

    /// <summary>A date that was given but could not be read.</summary>
    public static InputDate Invalid => new(InputDateState.Invalid, default);

    /// <summary>Whether the date was absent, unreadable or valid.</summary>
    public InputDateState State { get; }

    /// <summary>The date; meaningful only when <see cref="IsValid"/>.</summary>
    public DateOnly Value { get; }

    /// <summary>True when the field holds a calendar date.</summary>
    public bool IsValid => State == InputDateState.Valid;

    /// <summary>A valid date.</summary>
    /// <param name="date">The calendar date.</param>
    public static InputDate Of(DateOnly date) => new(InputDateState.Valid, date);

    /// <summary>Reads <c>YYYY-MM-DD</c> strictly; <see langword="null"/> is absent, anything else unreadable is invalid.</summary>
    /// <param name="text">The text of the field, or null when the field was not given.</param>
    public static InputDate Parse(string? text)
    {
        if (text is null)
        {
            return Absent;
        }

        return text.Length == 10
            && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? Of(date)
            : Invalid;
    }

    /// <summary>Converts a nullable date: null is absent.</summary>
    /// <param name="date">The date or null.</param>
    public static InputDate From(DateOnly? date) => date is { } d ? Of(d) : Absent;

    /// <inheritdoc />
    public override string ToString() => State switch
    {
        InputDateState.Valid => Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        InputDateState.Invalid => "(invalid)",
        _ => "(absent)",
    };
}
