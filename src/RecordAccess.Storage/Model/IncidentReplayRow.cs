namespace RecordAccess.Storage.Model;

/// <summary>One row of <c>incident_replays</c>: a decision replay stored beside its incident (append-only; decision 0113).</summary>
internal sealed class IncidentReplayRow
{
    public string IncidentId { get; set; } = string.Empty;

    public int Position { get; set; }

    public string DecisionId { get; set; } = string.Empty;

    public string EntryId { get; set; } = string.Empty;

    public string AuditedReason { get; set; } = string.Empty;

    public string ReplayedReason { get; set; } = string.Empty;

    public bool Reproduced { get; set; }

    public long StateVersion { get; set; }

    public string RuleSetVersion { get; set; } = string.Empty;

    public string? Flags { get; set; }

    public string DecidingFact { get; set; } = string.Empty;

    public string? FactRecordedBy { get; set; }

    public DateTimeOffset? FactRecordedAt { get; set; }

    public long? FactVersion { get; set; }

    public string TodayReason { get; set; } = string.Empty;

    public bool DiffersToday { get; set; }
}
