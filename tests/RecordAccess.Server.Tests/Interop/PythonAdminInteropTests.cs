using RecordAccess.Server.Tests.Infrastructure;
using Xunit;

namespace RecordAccess.Server.Tests.Interop;

/// <summary>
/// Every RecordAccessAdmin RPC driven by an unmodified, independent client (Google's C-core, Debian's python3-grpcio)
/// against the real server on a loopback port, with the demo data and real signed staff and supplier tokens: writes,
/// idempotent retries and no-op repeats, BatchCode, the error statuses, GetPatientState as of a version, WatchChanges
/// (practice filtering, client cancellation), and reading one's own writes through the gate.
/// Needs the apt packages python3-grpcio and python3-grpc-tools; without them this test fails, never skips.
/// </summary>
public sealed class PythonAdminInteropTests(DemoInteropHost host) : IClassFixture<DemoInteropHost>
{
    [Fact]
    public async Task PythonGrpcio_EveryAdminRpc_Interoperates()
    {
        Assert.True(File.Exists(InteropProcess.Python), $"{InteropProcess.Python} is missing: apt-get install python3 python3-grpcio python3-grpc-tools");
        host.StartServer();
        var keys = AdminClientKeys.Create("python");

        var (exitCode, output) = await InteropProcess.RunAsync(InteropProcess.Python,
            [
                Path.Combine(InteropProcess.Directory, "python", "admin_client.py"),
                "--target", $"127.0.0.1:{host.GrpcAddress.Port}",
                "--protos", Path.Combine(InteropProcess.Directory, "protos"),
                .. keys.Arguments(),
            ],
            keys.Tokens(host),
            TimeSpan.FromSeconds(120));

        Assert.True(exitCode == 0, $"admin_client.py exited {exitCode}:\n{output}");
        foreach (var check in AdminClientKeys.Checks)
        {
            Assert.Contains($"ok {check}\n", output, StringComparison.Ordinal);
        }
    }
}
