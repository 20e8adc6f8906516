namespace RecordAccess.Core.Safety;

/// <summary>The kinds of near miss the service finds by itself (issue 15 item 3; decision 0118).</summary>
public enum NearMissKind
{
    /// <summary>The staged rule set in shadow mode would have shown an entry the live rule withheld, or the reverse.</summary>
    ShadowDifference,

    /// <summary>An audited answer held <c>DecisionUnavailable</c> for at least one entry.</summary>
    DecisionUnavailable,

    /// <summary>A request answered UNAVAILABLE because its decision audit could not be written (so it is not in the audit).</summary>
    AuditFailure,

    /// <summary>A request refused because this server's policy state was too stale to answer from (decision 0078).</summary>
    StaleStateRefusal,

    /// <summary>A batch coding whose codes were reverted or superseded within the configured window (default 24 h).</summary>
    BatchRevertedSoon,

    /// <summary>A hide (redaction, restriction, safeguarding flag) lifted within the configured window (default 8 h).</summary>
    HideLiftedSoon,
}
