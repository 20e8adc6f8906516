namespace RecordAccess.Server.Policy;

/// <summary>
/// The policy runtime cannot answer: the state is not loaded yet (or failed to load), or it may be stale. A transport
/// concern of neither gRPC nor FHIR: the gRPC interceptor maps it to UNAVAILABLE, the FHIR pipeline to 503. The
/// decision path (<see cref="Decisions.DecisionPath"/>) never throws it; it answers a typed "unavailable" outcome.
/// </summary>
internal sealed class PolicyUnavailableException : Exception
{
    public PolicyUnavailableException()
    {
    }

    public PolicyUnavailableException(string message)
        : base(message)
    {
    }

    public PolicyUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
