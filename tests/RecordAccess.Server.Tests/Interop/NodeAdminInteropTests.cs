using RecordAccess.Server.Tests.Infrastructure;
using Xunit;

namespace RecordAccess.Server.Tests.Interop;

/// <summary>
/// Every RecordAccessAdmin RPC driven by the Node gRPC implementation (@grpc/grpc-js with @grpc/proto-loader, contracts
/// loaded at run time) against the real server on a loopback port, with the demo data and real signed staff and
/// supplier tokens: the same checks as <see cref="PythonAdminInteropTests"/>. Needs node and <c>npm ci</c> in
/// tests/interop/node (scripts/install-test-deps.sh runs it); without them this test fails, never skips.
/// </summary>
public sealed class NodeAdminInteropTests(DemoInteropHost host) : IClassFixture<DemoInteropHost>
{
    [Fact]
    public async Task NodeGrpcJs_EveryAdminRpc_Interoperates()
    {
        Assert.True(File.Exists(InteropProcess.Node), $"{InteropProcess.Node} is missing: apt-get install nodejs npm");
        var client = Path.Combine(SourceDirectory(), "tests", "interop", "node");
        Assert.True(Directory.Exists(Path.Combine(client, "node_modules", "@grpc", "grpc-js")) && Directory.Exists(Path.Combine(client, "node_modules", "@grpc", "proto-loader")),
            $"@grpc/grpc-js and @grpc/proto-loader are not installed in {client}: run scripts/install-test-deps.sh (npm ci there)");
        host.StartServer();
        var keys = AdminClientKeys.Create("node");

        var (exitCode, output) = await InteropProcess.RunAsync(InteropProcess.Node,
            [
                Path.Combine(client, "admin_client.js"),
                "--target", $"127.0.0.1:{host.GrpcAddress.Port}",
                "--protos", Path.Combine(InteropProcess.Directory, "protos"),
                .. keys.Arguments(),
            ],
            keys.Tokens(host),
            TimeSpan.FromSeconds(120),
            workingDirectory: client);

        Assert.True(exitCode == 0, $"admin_client.js exited {exitCode}:\n{output}");
        foreach (var check in AdminClientKeys.Checks)
        {
            Assert.Contains($"ok {check}\n", output, StringComparison.Ordinal);
        }
    }

    /// <summary>The repository's root (where RecordAccess.sln is), found upwards from the test's output directory.</summary>
    private static string SourceDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "RecordAccess.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"RecordAccess.sln not found above {AppContext.BaseDirectory}.");
    }
}
