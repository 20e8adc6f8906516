namespace RecordAccess.Core.Policy.Audit;

/// <summary>The durable decision audit trail (implemented by RecordAccess.Storage). Records are never updated or deleted.</summary>
public interface IDecisionAuditStore
{
    /// <summary>
    /// Writes the records durably in one transaction. Returns only once they are committed; throws when
    /// they are not, in which case none of them is (the requests they belong to then fail closed).
    /// </summary>
    /// <param name="records">The records to write.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    Task WriteAsync(IReadOnlyList<DecisionAuditRecord> records, CancellationToken cancellationToken = default);

    /// <summary>The audit records of one patient, oldest first.</summary>
    /// <param name="nhsNumber">The patient's NHS number as asked.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="AuditRecordCorruptException">A stored record cannot be read (never read as an answer).</exception>
    IAsyncEnumerable<DecisionAuditRecord> ReadForPatientAsync(string nhsNumber, CancellationToken cancellationToken = default);

    /// <summary>One audit record by its decision id; null when there is none.</summary>
    /// <param name="decisionId">The id returned to the caller.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="AuditRecordCorruptException">The stored record cannot be read (never read as an answer).</exception>
    Task<DecisionAuditRecord?> ReadAsync(Guid decisionId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records holding any DecisionUnavailable answer or any shadow difference, in [from, to), for one practice or all (null),
    /// oldest first.
    /// </summary>
    /// <param name="practiceOds">The practice (the patient's practice at decision time), or null for every practice.</param>
    /// <param name="from">The first instant included.</param>
    /// <param name="to">The first instant excluded.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="AuditRecordCorruptException">A stored record cannot be read (never read as an answer).</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1716", Justification = "The names of the shared contract A (from, to), used by other helpers' code.")]
    IAsyncEnumerable<DecisionAuditRecord> ReadNeedingAttentionAsync(string? practiceOds, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);
}
