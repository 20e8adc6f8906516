namespace RecordAccess.Storage.Model;

/// <summary>One row of <c>incidents</c> (append-only; decision 0113).</summary>
internal sealed class IncidentRow
{
    public long Sequence { get; set; }

    public string IncidentId { get; set; } = string.Empty;

    public DateTimeOffset RecordedAt { get; set; }

    public string Ods { get; set; } = string.Empty;

    public string NhsNumber { get; set; } = string.Empty;

    public string Category { get; set; } = string.Empty;

    public string Harm { get; set; } = string.Empty;

    public string Outcome { get; set; } = string.Empty;

    public string Description { get; set; } = string.Empty;

    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>JSON array of decision ids.</summary>
    public string DecisionIds { get; set; } = "[]";

    /// <summary>JSON array of entry ids.</summary>
    public string EntryIds { get; set; } = "[]";

    public string ActorKind { get; set; } = string.Empty;

    public string ActorId { get; set; } = string.Empty;

    public string? ActorOds { get; set; }

    public string? ActorRole { get; set; }

    public string? IdempotencyKey { get; set; }

    public string Fingerprint { get; set; } = string.Empty;
}
