using System.Diagnostics;
using System.Text;

namespace RecordAccess.TestSupport;

/// <summary>
/// The real <c>recordaccess</c> command as a child process, as a person or a script would run it (its dll is copied
/// beside the tests by their project reference to RecordAccess.Cli). Output is read as it comes, so a test can watch a
/// running process, and kept exactly as written.
/// </summary>
public sealed class CliProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Task _readers;

    private CliProcess(string? stdin, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "recordaccess.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("recordaccess did not start");
        _readers = Task.WhenAll(CopyAsync(_process.StandardOutput, _stdout), CopyAsync(_process.StandardError, _stderr));
        if (stdin is not null)
        {
            _process.StandardInput.Write(stdin);
        }

        _process.StandardInput.Close();
    }

    public string Stdout => Read(_stdout);

    public string Stderr => Read(_stderr);

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts the command with an empty standard input; the caller waits for it or kills it.</summary>
    public static CliProcess Start(params string[] args) => new(null, args);

    /// <summary>Runs the command to its end.</summary>
    public static async Task<CliProcess> RunAsync(params string[] args)
    {
        var process = new CliProcess(null, args);
        await process.WaitForExitAsync();
        return process;
    }

    /// <summary>Runs the command with <paramref name="stdin"/> as its standard input; kills it after 60 s.</summary>
    public static Result Run(string? stdin, params string[] args)
    {
        using var process = new CliProcess(stdin, args);
        if (!process._process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process._process.Kill(entireProcessTree: true);
            throw new TimeoutException("recordaccess did not finish in 60 s");
        }

        process._readers.GetAwaiter().GetResult();
        return new Result(process.ExitCode, process.Stdout, process.Stderr);
    }

    /// <summary>Waits for the process to exit and for its output to be read to the end.</summary>
    public async Task WaitForExitAsync()
    {
        await _process.WaitForExitAsync();
        await _readers;
    }

    /// <summary>SIGKILL: no handler, no flush, no cleanup runs in the child.</summary>
    public async Task KillAsync()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It had already exited.
        }

        await WaitForExitAsync();
    }

    public void Dispose() => _process.Dispose();

    private static async Task CopyAsync(StreamReader from, StringBuilder to)
    {
        var buffer = new char[4096];
        int read;
        while ((read = await from.ReadAsync(buffer)) > 0)
        {
            lock (to)
            {
                to.Append(buffer, 0, read);
            }
        }
    }

    private static string Read(StringBuilder from)
    {
        lock (from)
        {
            return from.ToString();
        }
    }

    /// <summary>How a finished run ended.</summary>
    public sealed record Result(int ExitCode, string Stdout, string Stderr);
}
