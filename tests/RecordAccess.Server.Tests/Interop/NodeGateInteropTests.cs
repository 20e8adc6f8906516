using RecordAccess.Server.Tests.Infrastructure;
using Xunit;

namespace RecordAccess.Server.Tests.Interop;

/// <summary>
/// Every RecordAccessGate RPC driven by the Node gRPC implementation (@grpc/grpc-js with @grpc/proto-loader, contracts
/// loaded at run time) against the real server on a loopback port, with the demo data and real signed supplier tokens.
/// Needs node and <c>npm ci</c> in tests/interop/node (scripts/install-test-deps.sh runs it); without them this test
/// fails, never skips.
/// </summary>
public sealed class NodeGateInteropTests(DemoInteropHost host) : IClassFixture<DemoInteropHost>
{
    private static readonly string[] EvaluateChecks =
    [
        "evaluate_entries_in_request_order", "evaluate_patient_level_rule", "evaluate_min_state_version_reached",
        "stream_several_records_interleaved", "stream_large_record_in_chunks",
        "error_invalid_argument_names_field", "error_unauthenticated", "error_permission_denied", "error_failed_precondition",
        "stream_deadline", "stream_client_cancellation", "message_too_large", "stream_record_too_large", "still_serving",
    ];

    private static readonly string[] AccessChecks = ["get_patient_access", "get_patient_access_errors", "explain_entry", "explain_entry_errors"];

    /// <remarks>
    /// The server's view of the Node client's cancellation and deadline is not asserted (N4): grpc-js (Node's http2) ends
    /// the request stream before it resets it, so the gate sees a clean half-close ("the stream ended before the record's
    /// last chunk") and has answered before the reset arrives. The clients' outcomes (CANCELLED, DEADLINE_EXCEEDED) are checked.
    /// </remarks>
    [Fact]
    public Task NodeGrpcJs_EvaluateEntriesAndStreamEvaluate_Interoperate() => RunAsync("evaluate", EvaluateChecks, observeStreams: false);

    [Fact]
    public Task NodeGrpcJs_GetPatientAccessAndExplainEntry_Interoperate() => RunAsync("access", AccessChecks, observeStreams: false);

    private async Task RunAsync(string group, string[] checks, bool observeStreams)
    {
        Assert.True(File.Exists(InteropProcess.Node), $"{InteropProcess.Node} is missing: apt-get install nodejs npm");
        var client = Path.Combine(SourceDirectory(), "tests", "interop", "node");
        Assert.True(Directory.Exists(Path.Combine(client, "node_modules", "@grpc", "grpc-js")) && Directory.Exists(Path.Combine(client, "node_modules", "@grpc", "proto-loader")),
            $"@grpc/grpc-js and @grpc/proto-loader are not installed in {client}: run scripts/install-test-deps.sh (npm ci there)");
        host.StartServer();
        var keys = GateClientKeys.Create($"node-{group}");

        var (exitCode, output) = await InteropProcess.RunAsync(InteropProcess.Node,
            [
                Path.Combine(client, "gate_client.js"),
                "--target", $"127.0.0.1:{host.GrpcAddress.Port}",
                "--protos", Path.Combine(InteropProcess.Directory, "protos"),
                "--group", group,
                .. keys.Arguments(),
            ],
            GateClientKeys.Tokens(host),
            TimeSpan.FromSeconds(120),
            workingDirectory: client);

        Assert.True(exitCode == 0, $"gate_client.js exited {exitCode}:\n{output}");
        foreach (var check in checks)
        {
            Assert.Contains($"ok {check}\n", output, StringComparison.Ordinal);
        }

        if (observeStreams)
        {
            await keys.AssertServerObservedAsync(host);
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
