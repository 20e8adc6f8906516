using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using RecordAccess.Server.Tests.Infrastructure;
using Xunit;

namespace RecordAccess.Server.Tests.Hosting;

public sealed class MethodRegistryTests(InMemoryHost host) : IClassFixture<InMemoryHost>
{
    [Fact]
    public void MapGrpcService_AddedServices_EveryMethodIsAnEndpointWithItsCallType()
    {
        host.CreateGrpcClient().Dispose();
        var methods = host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Select(e => e.Metadata.GetMetadata<GrpcMethodMetadata>()?.Method)
            .OfType<IMethod>()
            .Where(m => m.ServiceName is "grpc.health.v1.Health" or "recordaccess.testing.v1.Echo" or "recordaccess.v1.RecordAccessGate") // admin has its own mapping test
            .OrderBy(m => m.FullName, StringComparer.Ordinal)
            .Select(m => $"{m.FullName} {m.Type}");

        Assert.Equal(
        [
            "/grpc.health.v1.Health/Check Unary",
            "/grpc.health.v1.Health/Watch ServerStreaming",
            "/recordaccess.testing.v1.Echo/ClientStream ClientStreaming",
            "/recordaccess.testing.v1.Echo/Duplex DuplexStreaming",
            "/recordaccess.testing.v1.Echo/ServerStream ServerStreaming",
            "/recordaccess.testing.v1.Echo/Unary Unary",
            "/recordaccess.testing.v1.Echo/WaitForCancellation Unary",
            "/recordaccess.v1.RecordAccessGate/EvaluateEntries Unary",
            "/recordaccess.v1.RecordAccessGate/ExplainEntry Unary",
            "/recordaccess.v1.RecordAccessGate/GetPatientAccess Unary",
            "/recordaccess.v1.RecordAccessGate/StreamEvaluate DuplexStreaming",
        ], methods);
    }
}
