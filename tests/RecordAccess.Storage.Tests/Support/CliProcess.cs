using System.Diagnostics;
using System.Text;

namespace RecordAccess.Storage.Tests.Support;

/// <summary>The real <c>recordaccess</c> command as a child process (its dll is copied beside the tests).</summary>
internal sealed class CliProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private CliProcess(IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "recordaccess.dll"));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Append(_stdout, e.Data);
        _process.ErrorDataReceived += (_, e) => Append(_stderr, e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Stdout
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static CliProcess Start(params string[] args) => new(args);

    /// <summary>Waits for the process to exit and for its redirected output to be read to the end.</summary>
    public async Task WaitForExitAsync()
    {
        await _process.WaitForExitAsync();
        _process.WaitForExit();
    }

    public static async Task<CliProcess> RunAsync(params string[] args)
    {
        var p = new CliProcess(args);
        await p._process.WaitForExitAsync();
        p._process.WaitForExit();
        return p;
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

        await _process.WaitForExitAsync();
        _process.WaitForExit();
    }

    public void Dispose() => _process.Dispose();

    private static void Append(StringBuilder sb, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (sb)
        {
            sb.AppendLine(line);
        }
    }
}
