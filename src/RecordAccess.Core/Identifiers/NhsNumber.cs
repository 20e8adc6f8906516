namespace RecordAccess.Core.Identifiers;

/// <summary>
/// An NHS number: exactly ten ASCII digits, the last a modulus-11 check digit (weights 10..2;
/// check = 11 − (sum mod 11); 11 becomes 0; 10 means the number is invalid).
/// </summary>
/// <remarks>The default value is not a valid NHS number; obtain instances through <see cref="TryParse"/>.</remarks>
public readonly record struct NhsNumber
{
    private NhsNumber(string value) => Value = value;

    /// <summary>The ten digits, no separators.</summary>
    public string Value { get; }

    /// <summary>True when <paramref name="text"/> is exactly ten ASCII digits with a correct check digit.</summary>
    public static bool IsValid(ReadOnlySpan<char> text) => Check(text) is null;

    /// <summary>Parses the engine form (ten digits, nothing else).</summary>
    /// <param name="text">The candidate number.</param>
    /// <param name="nhsNumber">The number, when valid.</param>
    /// <param name="error">Why the text is not a valid NHS number, when it is not.</param>
    public static bool TryParse(string? text, out NhsNumber nhsNumber, out string? error)
    {
        error = text is null ? "is missing" : Check(text);
        nhsNumber = error is null ? new NhsNumber(text!) : default;
        return error is null;
    }

    /// <summary>
    /// Parses the displayed form a surface may accept (<c>943 476 5919</c>: groups of 3, 3 and 4
    /// digits separated by single spaces) as well as the engine form.
    /// </summary>
    /// <param name="text">The candidate number, as typed or displayed.</param>
    /// <param name="nhsNumber">The number, when valid.</param>
    /// <param name="error">Why the text is not a valid NHS number, when it is not.</param>
    public static bool TryParseDisplayed(string? text, out NhsNumber nhsNumber, out string? error)
    {
        if (text is { Length: 12 } && text[3] == ' ' && text[7] == ' ')
        {
            text = string.Concat(text.AsSpan(0, 3), text.AsSpan(4, 3), text.AsSpan(8, 4));
        }

        return TryParse(text, out nhsNumber, out error);
    }

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;

    private static string? Check(ReadOnlySpan<char> text)
    {
        if (text.Length != 10)
        {
            return "must be exactly 10 digits";
        }

        var sum = 0;
        for (var i = 0; i < 10; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                return "must be exactly 10 digits";
            }

            if (i < 9)
            {
                sum += (text[i] - '0') * (10 - i);
            }
        }

        var check = 11 - (sum % 11);
        if (check == 11)
        {
            check = 0;
        }

        if (check == 10)
        {
            return "is not a valid NHS number (no check digit exists for it)";
        }

        return text[9] - '0' == check ? null : "fails the modulus-11 check digit";
    }
}
