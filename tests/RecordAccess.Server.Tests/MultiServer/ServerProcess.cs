using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Grpc.Health.V1;
using Grpc.Net.Client;
using RecordAccess.Server.Contracts.V1;

namespace RecordAccess.Server.Tests.MultiServer;

/// <summary>
/// One real server process (the RecordAccess.Server.dll copied beside the tests, run with <c>dotnet</c> from its
/// folder) on loopback ports of its own, in the Development environment, on the shared PostgreSQL database.
/// </summary>
internal sealed class ServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServerProcess(string name, IReadOnlyDictionary<string, string> environment)
    {
        Name = name;
        var grpcPort = FreePort();
        var httpPort = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "RecordAccess.Server.dll"));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{grpcPort}";
        start.Environment["Kestrel__Endpoints__Grpc__Protocols"] = "Http2";
        start.Environment["Kestrel__Endpoints__Http__Url"] = $"http://127.0.0.1:{httpPort}";
        start.Environment["Kestrel__Endpoints__Http__Protocols"] = "Http1";
        start.Environment["Policy__SeedDemoData"] = "false";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Grpc.AspNetCore.Server"] = "Warning";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException($"server {name} did not start");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Channel = GrpcChannel.ForAddress($"http://127.0.0.1:{grpcPort}");
        HttpAddress = new Uri($"http://127.0.0.1:{httpPort}");
        Gate = new RecordAccessGate.RecordAccessGateClient(Channel);
        Admin = new RecordAccessAdmin.RecordAccessAdminClient(Channel);
    }

    public string Name { get; }

    public GrpcChannel Channel { get; }

    /// <summary>The HTTP/1.1 endpoint (FHIR, probes, <c>/metrics</c>).</summary>
    public Uri HttpAddress { get; }

    public RecordAccessGate.RecordAccessGateClient Gate { get; }

    public RecordAccessAdmin.RecordAccessAdminClient Admin { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>What the process wrote so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the server and waits until grpc.health.v1 answers SERVING (its state is loaded and followed).</summary>
    public static async Task<ServerProcess> StartAsync(string name, IReadOnlyDictionary<string, string> environment)
    {
        // A free port is chosen before the server binds it, so another process (a test server, a PostgreSQL cluster
        // started by a parallel test) can take it in between: Kestrel then exits at once, saying the address is in
        // use. That start is retried on new ports; any other failure is reported with the server's output.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(name, environment);
            }
            catch (ServerStartException e) when (attempt < 3 && e.Output.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
            }
        }
    }

    private static async Task<ServerProcess> StartOnceAsync(string name, IReadOnlyDictionary<string, string> environment)
    {
        var server = new ServerProcess(name, environment);
        var health = new global::Grpc.Health.V1.Health.HealthClient(server.Channel);
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                var status = await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(2));
                if (status.Status == HealthCheckResponse.Types.ServingStatus.Serving)
                {
                    return server;
                }
            }
            catch (Grpc.Core.RpcException) when (deadline.Elapsed < TimeSpan.FromSeconds(40))
            {
                // Not listening yet, or exited: checked below, with the output in the failure.
            }

            if (server.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(40))
            {
                var output = server.Output;
                server.Dispose();
                throw new ServerStartException($"server {name} did not become SERVING:\n{output}", output);
            }

            await Task.Delay(100);
        }
    }

    /// <summary>A server that exited or did not become SERVING in time, with what it wrote.</summary>
    private sealed class ServerStartException(string message, string output) : InvalidOperationException(message)
    {
        public string Output { get; } = output;
    }

    /// <summary>kill -9: no shutdown hooks, no flush, connections dropped mid-transaction.</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        Channel.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
