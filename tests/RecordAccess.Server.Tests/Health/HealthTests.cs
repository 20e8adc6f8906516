using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Grpc.Reflection.V1Alpha;
using RecordAccess.Server.Tests.Infrastructure;
using Xunit;
using WireStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace RecordAccess.Server.Tests.Health;

/// <summary>grpc.health.v1.Health and server reflection, through the standard .NET client, in memory and on Kestrel.</summary>
public abstract class HealthTests(ServerHost host) : IDisposable
{
    private readonly GrpcChannel _channel = host.CreateChannel();

    private global::Grpc.Health.V1.Health.HealthClient Client => new(_channel);

    public void Dispose()
    {
        _channel.Dispose();
        GC.SuppressFinalize(this);
    }

    [Theory]
    [InlineData("")]
    [InlineData("recordaccess.v1.RecordAccessGate")]
    [InlineData("recordaccess.v1.RecordAccessAdmin")]
    public async Task Check_ServerOrPolicyService_StateLoaded_ReturnsServing(string service)
    {
        var response = await Client.CheckAsync(new HealthCheckRequest { Service = service });

        Assert.Equal(WireStatus.Serving, response.Status);
    }

    [Fact]
    public async Task Check_UnknownService_ReturnsNotFound()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await Client.CheckAsync(new HealthCheckRequest { Service = "no.such.Service" }));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task Watch_PolicyService_SendsServingFirst()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var call = Client.Watch(new HealthCheckRequest { Service = "recordaccess.v1.RecordAccessGate" }, cancellationToken: cts.Token);

        Assert.True(await call.ResponseStream.MoveNext(cts.Token));
        Assert.Equal(WireStatus.Serving, call.ResponseStream.Current.Status);
    }

    [Fact]
    public async Task Reflection_ListServices_NamesTheGateAdminAndHealth()
    {
        var reflection = new ServerReflection.ServerReflectionClient(_channel);
        using var call = reflection.ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { FileContainingSymbol = "recordaccess.v1.RecordAccessGate" });
        await call.RequestStream.CompleteAsync();

        Assert.True(await call.ResponseStream.MoveNext());
        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();
        Assert.True(await call.ResponseStream.MoveNext());
        var files = call.ResponseStream.Current.FileDescriptorResponse.FileDescriptorProto
            .Select(bytes => Google.Protobuf.Reflection.FileDescriptorProto.Parser.ParseFrom(bytes).Name).ToList();

        Assert.Contains("recordaccess.v1.RecordAccessGate", services);
        Assert.Contains("recordaccess.v1.RecordAccessAdmin", services);
        Assert.Contains("grpc.health.v1.Health", services);
        // Enough for grpcurl or Postman to call the gate without our protos: the service's file and what it imports.
        Assert.Contains("recordaccess/v1/gate.proto", files);
        Assert.Contains("recordaccess/v1/types.proto", files);
    }
}

public sealed class InMemoryHealthTests(InMemoryHost host) : HealthTests(host), IClassFixture<InMemoryHost>;

public sealed class KestrelHealthTests(KestrelHost host) : HealthTests(host), IClassFixture<KestrelHost>;
