namespace RecordAccess.Server.Grpc.Internal;

/// <summary>Lets the catch-all route answer only gRPC requests, so other unknown paths stay 404 for pages and FHIR.</summary>
internal sealed class GrpcContentTypeConstraint : IRouteConstraint
{
    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        httpContext is not null && GrpcProtocol.IsGrpcContentType(httpContext.Request.ContentType);
}
