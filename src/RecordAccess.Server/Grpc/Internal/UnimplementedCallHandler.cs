namespace RecordAccess.Server.Grpc.Internal;

/// <summary>Answers every gRPC request for a method nobody mapped: UNIMPLEMENTED (12), trailers-only.</summary>
internal sealed class UnimplementedCallHandler(IReadOnlySet<string> services, GrpcCallEnvironment environment)
{
    public const string ServiceKey = "unimplementedService";
    public const string MethodKey = "unimplementedMethod";

    public async Task HandleCallAsync(HttpContext httpContext)
    {
        if (!await GrpcHttpChecks.AcceptAsync(httpContext, environment.Logger).ConfigureAwait(false))
        {
            return;
        }

        var service = httpContext.GetRouteValue(ServiceKey) as string ?? "";
        var method = httpContext.GetRouteValue(MethodKey) as string ?? "";
        var path = $"/{service}/{method}";
        GrpcServerLog.UnimplementedMethod(environment.Logger, path);
        var detail = services.Contains(service)
            ? $"Method '{GrpcProtocol.Quote(method)}' is not implemented by service '{service}'."
            : $"Service '{GrpcProtocol.Quote(service)}' is not implemented by this server.";
        var headers = httpContext.Response.Headers;
        headers[GrpcProtocol.StatusTrailer] = "12";
        headers[GrpcProtocol.MessageTrailer] = PercentEncoding.Encode(detail);
    }
}
