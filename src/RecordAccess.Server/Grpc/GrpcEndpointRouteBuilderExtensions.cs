using Microsoft.AspNetCore.Routing.Patterns;
using RecordAccess.Server.Grpc.Internal;

namespace RecordAccess.Server.Grpc;

internal static class GrpcEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>POST /{package.Service}/{Method}</c> for every method of every added service, and a catch-all
    /// that answers other gRPC requests UNIMPLEMENTED. Conventions on the result (authorization, host) apply to all.
    /// </summary>
    public static IEndpointConventionBuilder MapGrpcServices(this IEndpointRouteBuilder endpoints)
    {
        var environment = endpoints.ServiceProvider.GetRequiredService<GrpcCallEnvironment>();
        var group = endpoints.MapGroup("");
        var services = new HashSet<string>(StringComparer.Ordinal);
        foreach (var registration in endpoints.ServiceProvider.GetServices<GrpcServiceRegistration>())
        {
            if (!services.Add(registration.ServiceName))
            {
                throw new InvalidOperationException($"Two gRPC services are named '{registration.ServiceName}'.");
            }

            foreach (var handler in registration.Bind(environment))
            {
                // Every HTTP method maps here, so a GET is answered 405 (not 404) by the handler.
                group.Map(handler.Method.Path, handler.HandleCallAsync)
                    .WithDisplayName($"gRPC {handler.Method.Path}")
                    .WithMetadata(handler.Method);
            }
        }

        var unimplemented = new UnimplementedCallHandler(services, environment);
        var pattern = RoutePatternFactory.Parse(
            $"{{{UnimplementedCallHandler.ServiceKey}}}/{{{UnimplementedCallHandler.MethodKey}}}",
            defaults: null,
            parameterPolicies: new RouteValueDictionary { [UnimplementedCallHandler.ServiceKey] = new GrpcContentTypeConstraint() });
        group.Map(pattern, unimplemented.HandleCallAsync)
            .WithDisplayName("gRPC unimplemented method")
            // After every other endpoint, so it never competes with a real route.
            .Add(builder => ((RouteEndpointBuilder)builder).Order = int.MaxValue);
        return group;
    }
}
