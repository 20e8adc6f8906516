namespace RecordAccess.Storage.Model;

/// <summary>One row of <c>decision_audit</c>: one evaluation request and its answers (JSON array of entry id and reason).</summary>
internal sealed class AuditRow
{
    public string DecisionId { get; set; } = string.Empty;

    public DateTimeOffset RecordedAt { get; set; }

    public string Caller { get; set; } = string.Empty;

    public string NhsNumber { get; set; } = string.Empty;

    public long StateVersion { get; set; }

    public string RuleSetVersion { get; set; } = string.Empty;

    public string Decisions { get; set; } = string.Empty;

    /// <summary>The rollout switches as resolved for the request (null for records written before they existed).</summary>
    public string? Flags { get; set; }
}
