using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using RecordAccess.Server.Gate;
using RecordAccess.Server.Policy;
using RecordAccess.Storage;

namespace RecordAccess.Server.Hosting;

/// <summary>
/// OpenTelemetry traces and metrics for every call: ASP.NET Core's (each gRPC span carries Grpc.AspNetCore's
/// <c>grpc.method</c> and <c>grpc.status_code</c>), Grpc.AspNetCore's meter, the gate's, the policy state's and the
/// store's. Metrics are scrapeable by Prometheus at <see cref="HealthEndpoints.Metrics"/> (decision 0101); both are
/// exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is configured. Spans never carry a patient identifier: the path is
/// replaced by its route template and the query string is dropped (FHIR paths and searches hold NHS numbers).
/// </summary>
internal static class TelemetryExtensions
{
    public const string ServiceName = "recordaccess";

    public static IServiceCollection AddRecordAccessTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation(options =>
            {
                options.RecordException = false;
                options.EnrichWithHttpRequest = (activity, request) => WithoutIdentifiers(activity, request.HttpContext);
                options.EnrichWithHttpResponse = (activity, response) => WithoutIdentifiers(activity, response.HttpContext);
            }))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddMeter("Grpc.AspNetCore.Server", GateMetrics.MeterName, PolicyMetrics.MeterName, StorageMetrics.MeterName)
                .AddPrometheusExporter());
        if (!string.IsNullOrEmpty(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }

        return services;
    }

    /// <summary>The path as its route template (e.g. <c>/fhir/Patient/{nhsNumber}/$record-access</c>), no query string.</summary>
    private static void WithoutIdentifiers(Activity activity, HttpContext context)
    {
        var template = context.GetEndpoint() is RouteEndpoint route ? "/" + route.RoutePattern.RawText?.TrimStart('/') : "(unrouted)";
        activity.SetTag("url.path", template);
        activity.SetTag("url.query", null);
        activity.DisplayName = $"{context.Request.Method} {template}";
    }
}
