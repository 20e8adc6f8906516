namespace RecordAccess.Core.Model;

/// <summary>
/// The exact spellings of kinds, statuses and reasons used by every surface (conformance cases, CLI,
/// gRPC, FHIR). Parsing is exact and case-sensitive: an unknown spelling is never guessed.
/// </summary>
public static class WireNames
{
    private static readonly string[] KindNames = ["", "consultation", "diary", "document", "testResult", "medication", "coded"];
    private static readonly string[] StatusNames = ["", "final", "draft", "provisional", "unfiled"];

    /// <summary>The wire spelling of a kind (empty for <see cref="EntryKind.Unknown"/>).</summary>
    /// <param name="kind">The kind.</param>
    public static string Of(EntryKind kind) => KindNames[(int)kind];

    /// <summary>The wire spelling of a status (empty for <see cref="EntryStatus.Unknown"/>).</summary>
    /// <param name="status">The status.</param>
    public static string Of(EntryStatus status) => StatusNames[(int)status];

    /// <summary>The wire spelling of a reason code: its name, exactly as in the rule table.</summary>
    /// <param name="reason">The reason.</param>
    public static string Of(ReasonCode reason) => ReasonNames.Of(reason);

    /// <summary>Reads a kind; an unknown spelling gives <see cref="EntryKind.Unknown"/>.</summary>
    /// <param name="text">The spelling.</param>
    public static EntryKind ParseKind(string? text)
    {
        var i = text is { Length: > 0 } ? Array.IndexOf(KindNames, text) : -1;
        return i > 0 ? (EntryKind)i : EntryKind.Unknown;
    }

    /// <summary>Reads a status; an unknown spelling gives <see cref="EntryStatus.Unknown"/>.</summary>
    /// <param name="text">The spelling.</param>
    public static EntryStatus ParseStatus(string? text)
    {
        var i = text is { Length: > 0 } ? Array.IndexOf(StatusNames, text) : -1;
        return i > 0 ? (EntryStatus)i : EntryStatus.Unknown;
    }

    /// <summary>Reads a reason code spelled exactly as in the rule table.</summary>
    /// <param name="text">The spelling.</param>
    /// <param name="reason">The reason, when known.</param>
    public static bool TryParseReason(string? text, out ReasonCode reason) => ReasonNames.TryParse(text, out reason);
}
