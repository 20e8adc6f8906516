using Microsoft.Extensions.Options;
using RecordAccess.Server.Policy;

namespace RecordAccess.Server.Fhir;

internal static class FhirEndpointRouteBuilderExtensions
{
    public const string Prefix = "/fhir";

    /// <summary>
    /// Maps <c>GET /fhir/metadata</c>, every registered FHIR route, and a catch-all under <c>/fhir</c> that answers
    /// 404 or 405 with an OperationOutcome. Every route first refuses requests on the gRPC endpoint (404, decision F8),
    /// then checks <c>_format</c>/<c>Accept</c> (406), then runs
    /// its handler; an unavailable policy runtime answers 503 and an unexpected exception 500, both as OperationOutcome.
    /// </summary>
    public static IEndpointRouteBuilder MapFhir(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var registry = app.ServiceProvider.GetRequiredService<FhirRouteRegistry>();
        var logger = app.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("RecordAccess.Server.Fhir");
        var group = app.MapGroup(Prefix);

        FhirHandler metadata = c => Task.FromResult<IResult>(new FhirResult(StatusCodes.Status200OK, CapabilityStatementBuilder.Build(registry, BaseUrl(c))));
        group.MapGet("metadata", context => Run(context, "metadata", logger, metadata));

        foreach (var route in registry.Routes)
        {
            group.MapMethods(route.Pattern, [route.Method], context => Run(context, route.Pattern, logger, route.Handler))
                .WithMetadata(route)
                .WithDisplayName($"FHIR {route.Method} {route.Pattern}");
        }

        FhirHandler unknown = c => Task.FromResult<IResult>(Unknown(c, registry));
        group.Map("{**path}", context => Run(context, "(unknown)", logger, unknown));
        return app;
    }

    private static FhirResult Unknown(HttpContext context, FhirRouteRegistry registry)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        var relative = new PathString(path.StartsWith(Prefix, StringComparison.Ordinal) ? path[Prefix.Length..] : path);
        var methods = registry.MethodsFor(relative);
        if (methods.Count > 0)
        {
            context.Response.Headers.Allow = string.Join(", ", methods);
            return FhirOutcomes.MethodNotAllowed($"{context.Request.Method} is not supported on {path}; use {string.Join(" or ", methods)}.");
        }

        return FhirOutcomes.NotFound($"No FHIR interaction is supported at {context.Request.Method} {path}; see {Prefix}/metadata.", "not-supported");
    }

    /// <summary>The FHIR base URL of this request (<c>scheme://host/fhir</c>).</summary>
    public static string BaseUrl(HttpContext context) => $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}{Prefix}";

    /// <summary>The configured body limit, for handlers that read a body.</summary>
    public static long MaxBody(HttpContext context) => context.RequestServices.GetRequiredService<IOptions<FhirOptions>>().Value.MaxRequestBodyBytes;

    private static async Task Run(HttpContext context, string route, ILogger logger, FhirHandler handler)
    {
        var result = await Answer(context, route, logger, handler).ConfigureAwait(false);
        await result.ExecuteAsync(context).ConfigureAwait(false);
    }

    private static async Task<IResult> Answer(HttpContext context, string route, ILogger logger, FhirHandler handler)
    {
        if (context.RequestServices.GetRequiredService<FhirEndpointPorts>().IsGrpcOnly(context))
        {
            return FhirOutcomes.NotFound($"FHIR is not served on the gRPC endpoint; use the HTTP/1.1 endpoint for {Prefix}.", "not-supported");
        }

        if (FhirNegotiation.CheckAccept(context) is { } notAcceptable)
        {
            return notAcceptable;
        }

        try
        {
            return await handler(context).ConfigureAwait(false);
        }
        catch (PolicyUnavailableException e)
        {
            FhirLog.Unavailable(logger, context.Request.Method, route, e.Message);
            return FhirOutcomes.Unavailable("The service cannot decide right now; nothing is shown. Try again shortly.");
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            FhirLog.HandlerFailed(logger, context.Request.Method, route, e);
            return FhirOutcomes.InternalError();
        }
    }
}
