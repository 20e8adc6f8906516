namespace RecordAccess.Core.Identifiers;

/// <summary>The ODS code of a GP practice: one upper-case ASCII letter followed by five ASCII digits (e.g. <c>A81001</c>).</summary>
/// <remarks>The default value is not a valid code; obtain instances through <see cref="TryParse"/>.</remarks>
public readonly record struct OdsCode
{
    private OdsCode(string value) => Value = value;

    /// <summary>The six characters of the code.</summary>
    public string Value { get; }

    /// <summary>True when <paramref name="text"/> is a GP practice ODS code.</summary>
    public static bool IsValid(ReadOnlySpan<char> text)
    {
        if (text.Length != 6 || !char.IsAsciiLetterUpper(text[0]))
        {
            return false;
        }

        foreach (var c in text[1..])
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Parses a GP practice ODS code.</summary>
    /// <param name="text">The candidate code.</param>
    /// <param name="code">The code, when valid.</param>
    /// <param name="error">Why it is not valid, when it is not.</param>
    public static bool TryParse(string? text, out OdsCode code, out string? error)
    {
        if (text is not null && IsValid(text))
        {
            code = new OdsCode(text);
            error = null;
            return true;
        }

        code = default;
        error = text is null ? "is missing" : "must be an upper-case letter followed by 5 digits (e.g. A81001)";
        return false;
    }

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
