namespace RecordAccess.Core.Policy.Audit;

/// <summary>
/// A stored decision audit record cannot be read (its payload is truncated, of an unknown format, or fails its checksum).
/// The reader reports it; it is never read as an answer (least of all as <c>Visible</c>).
/// </summary>
public sealed class AuditRecordCorruptException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AuditRecordCorruptException()
        : base("The decision audit record cannot be read.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong.</param>
    public AuditRecordCorruptException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The decoder's failure.</param>
    public AuditRecordCorruptException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The decision id of the record, when known.</summary>
    public Guid? DecisionId { get; init; }
}
