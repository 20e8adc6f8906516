using System.Diagnostics;
using RecordAccess.Server.Tests.Infrastructure;
using Xunit;

namespace RecordAccess.Server.Tests.Interop;

/// <summary>
/// An unmodified, independent gRPC client (Google's C-core, Debian's python3-grpcio) against real Kestrel.
/// Needs the apt packages python3-grpcio and python3-grpc-tools; without them this test fails, never skips.
/// </summary>
public sealed class PythonInteropTests(KestrelHost host) : IClassFixture<KestrelHost>
{
    private const string Python = "/usr/bin/python3";

    private static readonly string[] Checks =
    [
        "health_check_server", "health_check_unknown", "health_watch", "health_watch_unknown",
        "unary_with_authorization", "unary_response_metadata", "server_streaming", "client_streaming",
        "duplex_interleaved", "unary_gzip_request", "error_with_utf8_message", "error_mid_stream", "deadline", "unknown_method",
        "message_too_large", "client_cancellation", "still_serving",
    ];

    [Fact]
    public async Task PythonGrpcio_EveryCallTypeAndError_Interoperates()
    {
        Assert.True(File.Exists(Python), $"{Python} is missing: apt-get install python3 python3-grpcio python3-grpc-tools");
        host.StartServer();
        var cancelKey = $"python-cancel-{Guid.NewGuid()}";
        var interop = Path.Combine(AppContext.BaseDirectory, "interop");

        var (exitCode, output) = await RunAsync(Python,
            Path.Combine(interop, "python", "interop_client.py"),
            "--target", $"127.0.0.1:{host.GrpcAddress.Port}",
            "--protos", Path.Combine(interop, "protos"),
            "--cancel-key", cancelKey);

        Assert.True(exitCode == 0, $"interop_client.py exited {exitCode}:\n{output}");
        foreach (var check in Checks)
        {
            Assert.Contains($"ok {check}\n", output, StringComparison.Ordinal);
        }

        await host.Probe.For(cancelKey).Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(5));
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Debian's modules only: no user site-packages, no pyenv paths, no proxy between client and server.
        start.Environment["PYTHONNOUSERSITE"] = "1";
        start.Environment.Remove("PYTHONPATH");
        start.Environment.Remove("PYTHONHOME");
        start.Environment["no_proxy"] = "*";

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} did not finish within 90 s:\n{await stdout}\n{await stderr}");
        }

        return (process.ExitCode, (await stdout).ReplaceLineEndings("\n") + await stderr);
    }
}
