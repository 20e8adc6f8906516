namespace RecordAccess.Storage.Model;

/// <summary>
/// One row of <c>policy_events</c>: one change, in typed columns (not a JSON payload) so that millions
/// of rows load quickly and can be queried. Which columns a kind uses is defined in <see cref="EventColumns"/>.
/// </summary>
internal sealed class EventRow
{
    public long Version { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public string Kind { get; set; } = string.Empty;

    public string ActorKind { get; set; } = string.Empty;

    public string ActorId { get; set; } = string.Empty;

    public string? ActorOds { get; set; }

    public string? ActorRole { get; set; }

    public string? Reason { get; set; }

    public string? NhsNumber { get; set; }

    public string? Ods { get; set; }

    public string? ItemId { get; set; }

    public string? Code { get; set; }

    public DateOnly? FirstDate { get; set; }

    public DateOnly? SecondDate { get; set; }

    public bool? Flag { get; set; }
}
