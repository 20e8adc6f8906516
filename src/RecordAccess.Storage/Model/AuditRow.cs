namespace RecordAccess.Storage.Model;

/// <summary>
/// One row of <c>decision_audit</c>: one evaluation request and its answers. Rows written before the compact format hold
/// the answers as JSON in <see cref="Decisions"/> (entry id and reason); rows written since hold an empty
/// <see cref="Decisions"/> and the answers with the replay facts in <see cref="Payload"/> (decision 0108).
/// </summary>
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

    /// <summary>The compact payload (<c>Audit/audit_payload.proto</c> behind its header); null on JSON rows.</summary>
    public byte[]? Payload { get; set; }

    /// <summary>The patient's practice at decision time (null when not registered, and on JSON rows).</summary>
    public string? PracticeOds { get; set; }

    /// <summary>1 = a DecisionUnavailable answer, 2 = a shadow difference (or both, 3); null when neither (and on JSON rows).</summary>
    public int? Attention { get; set; }
}
