using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RecordAccess.Server.Policy;

/// <summary>
/// The policy runtime's health (decision A6), reported by grpc.health.v1 (Grpc.AspNetCore.HealthChecks) for the server
/// ("") and the gate and admin services, and by <c>/healthz/ready</c>: unhealthy (NOT_SERVING, 503) while
/// <see cref="PolicyFreshness"/> finds the state not fresh enough to answer from (the same test the gate and patient
/// FHIR refuse by, decision 0078), and once shutdown begins; so a load balancer stops sending patient-facing reads to
/// a server whose state may be stale. Healthy (SERVING) again as soon as the follower reads.
/// </summary>
internal sealed partial class PolicyHealthCheck(
    PolicyFreshness freshness,
    IHostApplicationLifetime lifetime,
    ILogger<PolicyHealthCheck> logger) : IHealthCheck
{
    /// <summary>The tag of the checks the policy services' health depends on.</summary>
    public const string Tag = "policy";

    private int _lastReported = -1;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var problem = FindProblem();
        Report(problem);
        return Task.FromResult(problem is null ? HealthCheckResult.Healthy("the policy state is loaded and followed") : HealthCheckResult.Unhealthy(problem));
    }

    /// <summary>Why the state may not be trusted now, or null when it may.</summary>
    private string? FindProblem()
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return "the server is shutting down";
        }

        return freshness.FindProblem();
    }

    /// <summary>Logs each change between healthy and unhealthy once.</summary>
    private void Report(string? problem)
    {
        var healthy = problem is null ? 1 : 0;
        if (Interlocked.Exchange(ref _lastReported, healthy) == healthy)
        {
            return;
        }

        if (problem is null)
        {
            LogServing(logger);
        }
        else
        {
            LogNotServing(logger, problem);
        }
    }

    [LoggerMessage(EventId = 110, Level = LogLevel.Warning, Message = "Policy services NOT_SERVING: {Problem}")]
    private static partial void LogNotServing(ILogger logger, string problem);

    [LoggerMessage(EventId = 111, Level = LogLevel.Information, Message = "Policy services SERVING")]
    private static partial void LogServing(ILogger logger);
}
