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
    IAsyncEnumerable<DecisionAuditRecord> ReadForPatientAsync(string nhsNumber, CancellationToken cancellationToken = default);
}
