using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using RecordAccess.Server.Policy;

namespace RecordAccess.Server.Hosting;

/// <summary>
/// HTTP probes for an orchestrator (decision 0078), on ASP.NET Core health checks: <c>/healthz/live</c> runs no check
/// (200 while the process answers); <c>/healthz/ready</c> runs the checks tagged <see cref="PolicyHealthCheck.Tag"/>,
/// the same health grpc.health.v1 reports (200 <c>Healthy</c>, 503 <c>Unhealthy</c>). No authentication, plain-text
/// bodies, never a patient identifier. <c>/metrics</c> is the Prometheus scrape of the same instruments OTLP exports
/// (decision 0101): unauthenticated like the probes, and like them without patient data (metric tags are codes only).
/// </summary>
internal static class HealthEndpoints
{
    public const string Live = "/healthz/live";

    public const string Ready = "/healthz/ready";

    /// <summary>The Prometheus scrape endpoint (text exposition format; decision 0101).</summary>
    public const string Metrics = "/metrics";

    public static WebApplication MapRecordAccessHealth(this WebApplication app)
    {
        app.MapHealthChecks(Live, new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks(Ready, new HealthCheckOptions { Predicate = registration => registration.Tags.Contains(PolicyHealthCheck.Tag) });
        app.MapPrometheusScrapingEndpoint(Metrics);
        return app;
    }
}
