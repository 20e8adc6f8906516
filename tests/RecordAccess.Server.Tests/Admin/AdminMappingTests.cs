using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using RecordAccess.Server.Tests.Infrastructure;
using Xunit;

namespace RecordAccess.Server.Tests.Admin;

public sealed class AdminMappingTests(AdminHost host) : IClassFixture<AdminHost>
{
    [Fact]
    public void MapGrpcService_AdminService_EveryRpcOfTheContractIsMappedWithItsCallType()
    {
        host.CreateGrpcClient().Dispose();
        var methods = host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Select(e => e.Metadata.GetMetadata<GrpcMethodMetadata>()?.Method)
            .OfType<IMethod>()
            .Where(m => m.ServiceName == "recordaccess.v1.RecordAccessAdmin")
            .ToDictionary(m => m.Name, m => m.Type);

        var contract = File.ReadAllLines(Path.Combine(RepositoryRoot(), "protos", "recordaccess", "v1", "admin.proto"))
            .Select(line => line.Trim())
            .Where(line => line.StartsWith("rpc ", StringComparison.Ordinal))
            .ToDictionary(line => line[4..line.IndexOf('(', StringComparison.Ordinal)], line => line.Contains("returns (stream", StringComparison.Ordinal) ? MethodType.ServerStreaming : MethodType.Unary);

        Assert.Equal(20, contract.Count);
        Assert.Equal(contract.OrderBy(p => p.Key, StringComparer.Ordinal), methods.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory!.FullName, "RecordAccess.sln")))
        {
            directory = directory.Parent;
        }

        return directory.FullName;
    }
}
