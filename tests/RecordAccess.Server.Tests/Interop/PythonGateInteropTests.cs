using RecordAccess.Server.Tests.Infrastructure;
using Xunit;

namespace RecordAccess.Server.Tests.Interop;

/// <summary>
/// Every RecordAccessGate RPC driven by an unmodified, independent client (Google's C-core, Debian's python3-grpcio)
/// against the real server on a loopback port, with the demo data and real signed supplier tokens.
/// Needs the apt packages python3-grpcio and python3-grpc-tools; without them this test fails, never skips.
/// </summary>
public sealed class PythonGateInteropTests(DemoInteropHost host) : IClassFixture<DemoInteropHost>
{
    private static readonly string[] EvaluateChecks =
    [
        "evaluate_entries_in_request_order", "evaluate_patient_level_rule", "evaluate_min_state_version_reached",
        "stream_several_records_interleaved", "stream_large_record_in_chunks",
        "error_invalid_argument_names_field", "error_unauthenticated", "error_permission_denied", "error_failed_precondition",
        "stream_deadline", "stream_client_cancellation", "message_too_large", "stream_record_too_large", "still_serving",
    ];

    private static readonly string[] AccessChecks = ["get_patient_access", "get_patient_access_errors", "explain_entry", "explain_entry_errors"];

    [Fact]
    public Task PythonGrpcio_EvaluateEntriesAndStreamEvaluate_Interoperate() => RunAsync("evaluate", EvaluateChecks, observeStreams: true);

    [Fact]
    public Task PythonGrpcio_GetPatientAccessAndExplainEntry_Interoperate() => RunAsync("access", AccessChecks, observeStreams: false);

    private async Task RunAsync(string group, string[] checks, bool observeStreams)
    {
        Assert.True(File.Exists(InteropProcess.Python), $"{InteropProcess.Python} is missing: apt-get install python3 python3-grpcio python3-grpc-tools");
        host.StartServer();
        var keys = GateClientKeys.Create($"python-{group}");

        var (exitCode, output) = await InteropProcess.RunAsync(InteropProcess.Python,
            [
                Path.Combine(InteropProcess.Directory, "python", "gate_client.py"),
                "--target", $"127.0.0.1:{host.GrpcAddress.Port}",
                "--protos", Path.Combine(InteropProcess.Directory, "protos"),
                "--group", group,
                .. keys.Arguments(),
            ],
            GateClientKeys.Tokens(host),
            TimeSpan.FromSeconds(120));

        Assert.True(exitCode == 0, $"gate_client.py exited {exitCode}:\n{output}");
        foreach (var check in checks)
        {
            Assert.Contains($"ok {check}\n", output, StringComparison.Ordinal);
        }

        if (observeStreams)
        {
            await keys.AssertServerObservedAsync(host);
        }
    }
}
