namespace RecordAccess.Server.Health;

/// <summary>Whether a service (or, for the empty name, the whole server) takes calls.</summary>
internal enum HealthStatus
{
    Serving,
    NotServing,
}
