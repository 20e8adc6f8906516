using Google.Protobuf.Reflection;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RecordAccess.Server.Contracts.V1;
using RecordAccess.Server.Grpc;
using RecordAccess.Server.Tests.Infrastructure;
using Xunit;

namespace RecordAccess.Server.Tests.Hosting;

public sealed class MethodRegistryTests(InMemoryHost host) : IClassFixture<InMemoryHost>
{
    [Fact]
    public void MapGrpcServices_AddedServices_EveryMethodIsAnEndpointWithItsCallType()
    {
        host.CreateGrpcClient().Dispose();
        var methods = host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Select(e => e.Metadata.GetMetadata<GrpcMethod>())
            .OfType<GrpcMethod>()
            .OrderBy(m => m.Path, StringComparer.Ordinal)
            .Select(m => $"{m.Path} {m.Type}");

        // The contracts' services are listed from their descriptors, so a new RPC must be mapped (and with its call type).
        var contracts = new[] { GateReflection.Descriptor, AdminReflection.Descriptor }
            .SelectMany(file => file.Services)
            .SelectMany(service => service.Methods)
            .Select(m => $"/{m.Service.FullName}/{m.Name} {TypeOf(m)}");
        string[] fixedOnes =
        [
            "/grpc.health.v1.Health/Check Unary",
            "/grpc.health.v1.Health/Watch ServerStreaming",
            "/recordaccess.testing.v1.Echo/ClientStream ClientStreaming",
            "/recordaccess.testing.v1.Echo/Duplex DuplexStreaming",
            "/recordaccess.testing.v1.Echo/ServerStream ServerStreaming",
            "/recordaccess.testing.v1.Echo/Unary Unary",
            "/recordaccess.testing.v1.Echo/WaitForCancellation Unary",
        ];
        Assert.Equal(fixedOnes.Concat(contracts).Order(StringComparer.Ordinal), methods);
    }

    private static MethodType TypeOf(MethodDescriptor method) => (method.IsClientStreaming, method.IsServerStreaming) switch
    {
        (true, true) => MethodType.DuplexStreaming,
        (true, false) => MethodType.ClientStreaming,
        (false, true) => MethodType.ServerStreaming,
        _ => MethodType.Unary,
    };
}
