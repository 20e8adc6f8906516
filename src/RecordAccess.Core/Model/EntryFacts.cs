namespace RecordAccess.Core.Model;

/// <summary>The metadata of one record entry (never its clinical content).</summary>
public sealed record EntryFacts
{
    /// <summary>The entry's stable id, unique within the request.</summary>
    public required string Id { get; init; }

    /// <summary>When the entry was recorded in the GP system (decides "prospective").</summary>
    public InputDate RecordedDate { get; init; }

    /// <summary>The entry's kind.</summary>
    public EntryKind Kind { get; init; }

    /// <summary>The entry's filing status.</summary>
    public EntryStatus Status { get; init; }

    /// <summary>Marked not visible online (third-party information, serious-harm test).</summary>
    public bool Redacted { get; init; }

    /// <summary>Security labels as sent by the GP system.</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary>A clinician released this entry despite its sensitivity labels.</summary>
    public bool Released { get; init; }

    /// <summary>The id of the entry this one belongs to (a code or attachment of a document), if any.</summary>
    public string? ParentId { get; init; }

    /// <summary>
    /// The SNOMED CT concept id the entry records, as sent (rule set 2025.1): null when absent. One of the three
    /// online-access codes withholds the entry (rule 11a); a value that is not a valid concept id makes it invalid (rule 0).
    /// </summary>
    public string? Code { get; init; }
}
