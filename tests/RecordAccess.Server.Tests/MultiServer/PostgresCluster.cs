using System.Diagnostics;
using System.Text.RegularExpressions;
using Npgsql;

namespace RecordAccess.Server.Tests.MultiServer;

/// <summary>
/// A PostgreSQL cluster of its own (scripts/postgres.sh start, with the shared cluster's variables removed), so a
/// test may stop and start it without disturbing the classes on the shared one; <see cref="DisposeAsync"/> deletes
/// it (scripts/postgres.sh stop, told this cluster's directory). Stop and start use the same binaries, data
/// directory, port and options as the script.
/// </summary>
internal sealed partial class PostgresCluster : IAsyncDisposable
{
    private readonly string _directory;
    private readonly int _port;

    private PostgresCluster(string connectionString, string directory)
    {
        ConnectionString = connectionString;
        _directory = directory;
        _port = new NpgsqlConnectionStringBuilder(connectionString).Port;
    }

    /// <summary>The cluster's postgres database, as scripts/postgres.sh exports it.</summary>
    public string ConnectionString { get; }

    public bool Running { get; private set; } = true;

    public static async Task<PostgresCluster> StartAsync()
    {
        var exports = await RunAsync("bash", [Path.Combine(RepositoryRoot, "scripts", "postgres.sh"), "start"], directory: null);
        var connection = Export().Matches(exports).FirstOrDefault(m => m.Groups[1].Value == "RECORDACCESS_TEST_POSTGRES")?.Groups[2].Value;
        var directory = Export().Matches(exports).FirstOrDefault(m => m.Groups[1].Value == "RECORDACCESS_PG_DIR")?.Groups[2].Value;
        if (connection is null || directory is null)
        {
            throw new InvalidOperationException($"scripts/postgres.sh start printed no exports:\n{exports}");
        }

        return new PostgresCluster(connection, directory);
    }

    /// <summary><c>pg_ctl stop -m fast</c>: sessions are ended and the server refuses connections until <see cref="StartServerAsync"/>.</summary>
    public async Task StopServerAsync()
    {
        await PgCtlAsync("-D", Path.Combine(_directory, "data"), "-m", "fast", "-w", "stop");
        Running = false;
    }

    /// <summary><c>pg_ctl start</c> of the same data directory on the same port.</summary>
    public async Task StartServerAsync()
    {
        await PgCtlAsync(
            "-D", Path.Combine(_directory, "data"), "-l", Path.Combine(_directory, "server.log"), "-w", "-t", "60",
            "-o", $"-p {_port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={_directory} -c max_connections=200",
            "start");
        Running = true;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await RunAsync("bash", [Path.Combine(RepositoryRoot, "scripts", "postgres.sh"), "stop"], _directory);
    }

    private static string RepositoryRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "scripts", "postgres.sh")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"scripts/postgres.sh not found above {AppContext.BaseDirectory}");
    }

    private static string PgBin()
    {
        var candidates = Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql") : [];
        Array.Sort(candidates, StringComparer.Ordinal);
        return candidates.Select(d => Path.Combine(d, "bin"))
            .LastOrDefault(b => File.Exists(Path.Combine(b, "initdb")) && File.Exists(Path.Combine(b, "pg_ctl")))
            ?? throw new InvalidOperationException("no PostgreSQL binaries under /usr/lib/postgresql/*/bin");
    }

    private Task<string> PgCtlAsync(params string[] arguments)
    {
        var pgCtl = Path.Combine(PgBin(), "pg_ctl");

        // As scripts/postgres.sh: PostgreSQL refuses to run as root, so then it runs as the postgres OS user.
        return Environment.UserName == "root"
            ? RunAsync("runuser", ["-u", "postgres", "--", pgCtl, .. arguments], _directory)
            : RunAsync(pgCtl, arguments, _directory);
    }

    /// <summary>Runs a command with the shared cluster's variables replaced (or removed) and returns its standard output.</summary>
    private static async Task<string> RunAsync(string file, IEnumerable<string> arguments, string? directory)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Never the shared cluster: `start` must make a new one and `stop` must delete only this one.
        start.Environment.Remove("RECORDACCESS_TEST_POSTGRES");
        start.Environment.Remove("RECORDACCESS_PG_DIR");
        if (directory is not null)
        {
            start.Environment["RECORDACCESS_PG_DIR"] = directory;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', start.ArgumentList)} exited {process.ExitCode}:\n{await output}\n{await error}");
        }

        return await output;
    }

    [GeneratedRegex("^export (RECORDACCESS_[A-Z_]+)='([^']*)'$", RegexOptions.Multiline)]
    private static partial Regex Export();
}
