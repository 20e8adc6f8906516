namespace RecordAccess.Core.Identifiers;

/// <summary>
/// The GP system's stable id of a record entry: 1 to <see cref="MaxLength"/> characters, no control characters, no
/// leading or trailing white space. One rule for every surface (decision E6): the engine answers an entry with any
/// other id <c>DecisionUnavailable</c> (rule 0), and the admin refuses to redact or release one, so an entry the gate
/// decides can always be redacted centrally.
/// </summary>
public static class EntryId
{
    /// <summary>The longest id, in UTF-16 code units.</summary>
    public const int MaxLength = 128;

    /// <summary>The rule in words, for messages.</summary>
    public const string Rule = "1 to 128 characters without control characters or surrounding spaces";

    /// <summary>True when <paramref name="id"/> is a well-formed entry id.</summary>
    /// <param name="id">The id as given.</param>
    public static bool IsValid(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxLength || char.IsWhiteSpace(id[0]) || char.IsWhiteSpace(id[^1]))
        {
            return false;
        }

        foreach (var c in id)
        {
            if (char.IsControl(c))
            {
                return false;
            }
        }

        return true;
    }
}
