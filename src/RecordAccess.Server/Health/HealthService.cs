using Grpc.Health.V1;
using RecordAccess.Server.Grpc;
using RecordAccess.Server.Grpc.Internal;
using WireStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace RecordAccess.Server.Health;

/// <summary>grpc.health.v1.Health (doc/health-checking.md in grpc/grpc): Check and Watch over the registry.</summary>
internal sealed class HealthService(HealthStatusRegistry registry) : IGrpcService<HealthService>
{
    public static string ServiceName => "grpc.health.v1.Health";

    public static void Bind(GrpcServiceBinder<HealthService> binder)
    {
        binder.Unary<HealthCheckRequest, HealthCheckResponse>("Check", HealthCheckRequest.Parser,
            (service, request, context) => service.Check(request));
        binder.ServerStreaming<HealthCheckRequest, HealthCheckResponse>("Watch", HealthCheckRequest.Parser,
            (service, request, writer, context) => service.WatchAsync(request, writer, context));
    }

    /// <summary>The status now; NOT_FOUND for a service the server does not know.</summary>
    public Task<HealthCheckResponse> Check(HealthCheckRequest request) =>
        registry.TryGetStatus(request.Service, out var status)
            ? Task.FromResult(new HealthCheckResponse { Status = ToWire(status) })
            : throw new RpcException(StatusCode.NotFound, $"Unknown service '{GrpcProtocol.Quote(request.Service)}'.");

    /// <summary>The status now (SERVICE_UNKNOWN for an unknown service), then every change until the client cancels.</summary>
    public async Task WatchAsync(HealthCheckRequest request, IServerStreamWriter<HealthCheckResponse> writer, ServerCallContext context)
    {
        await foreach (var status in registry.WatchAsync(request.Service, context.CancellationToken).ConfigureAwait(false))
        {
            await writer.WriteAsync(new HealthCheckResponse { Status = status is { } known ? ToWire(known) : WireStatus.ServiceUnknown })
                .ConfigureAwait(false);
        }

        // The registry ends watches only at shutdown; UNAVAILABLE tells the client to look elsewhere.
        throw new RpcException(StatusCode.Unavailable, "The server is shutting down.");
    }

    private static WireStatus ToWire(HealthStatus status) =>
        status == HealthStatus.Serving ? WireStatus.Serving : WireStatus.NotServing;
}
