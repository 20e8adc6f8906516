namespace RecordAccess.Core.Policy.Audit;

/// <summary>The decision audit could not be written durably; the request it belongs to must fail closed.</summary>
public sealed class AuditUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AuditUnavailableException()
        : base("The decision audit could not be written.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What happened.</param>
    public AuditUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The store's failure.</param>
    public AuditUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
