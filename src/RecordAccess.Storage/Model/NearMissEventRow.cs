namespace RecordAccess.Storage.Model;

/// <summary>One row of <c>near_miss_events</c>: a runtime near miss (audit failure, stale-state refusal); append-only (decision 0119).</summary>
internal sealed class NearMissEventRow
{
    public string Id { get; set; } = string.Empty;

    public string Kind { get; set; } = string.Empty;

    public DateTimeOffset OccurredAt { get; set; }

    public string? Ods { get; set; }

    public string? NhsNumber { get; set; }

    public string? DecisionId { get; set; }

    public string Detail { get; set; } = string.Empty;
}
