using System.Diagnostics;

namespace RecordAccess.Server.Tests.Infrastructure;

/// <summary>Runs an out-of-process interop client (Python, Node) to completion and returns its exit code and output.</summary>
internal static class InteropProcess
{
    public const string Python = "/usr/bin/python3";
    public const string Node = "/usr/bin/node";

    /// <summary>Where the test's interop material was copied (the clients and the contracts they compile).</summary>
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "interop");

    public static async Task<(int ExitCode, string Output)> RunAsync(
        string fileName, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, TimeSpan timeout, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Debian's modules only: no user site-packages, no pyenv paths; no proxy between client and server.
        start.Environment["PYTHONNOUSERSITE"] = "1";
        start.Environment.Remove("PYTHONPATH");
        start.Environment.Remove("PYTHONHOME");
        start.Environment.Remove("NODE_OPTIONS");
        start.Environment["no_proxy"] = "*";
        start.Environment["grpc_proxy"] = string.Empty;
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} did not finish within {timeout.TotalSeconds} s:\n{await stdout}\n{await stderr}");
        }

        return (process.ExitCode, (await stdout).ReplaceLineEndings("\n") + await stderr);
    }
}
