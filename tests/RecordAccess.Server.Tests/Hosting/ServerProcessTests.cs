using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Xunit;
using WireStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace RecordAccess.Server.Tests.Hosting;

/// <summary>
/// The built server as an operator runs it (decision 0078): <c>dotnet RecordAccess.Server.dll</c> started from another
/// working directory reads its own appsettings (gRPC answers over h2c, readiness over HTTP/1.1); a missing or
/// contradictory endpoint configuration stops it at start with a message naming the setting.
/// </summary>
public sealed class ServerProcessTests
{
    [Fact]
    public async Task Start_FromAnotherWorkingDirectory_ServesGrpcHealthOverH2cAndReadiness()
    {
        var (grpcPort, httpPort) = (FreePort(), FreePort());
        var database = Path.Combine(Path.GetTempPath(), $"recordaccess-process-{Guid.NewGuid():N}.db");
        using var server = Start(new()
        {
            ["Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{grpcPort}",
            ["Kestrel__Endpoints__Http__Url"] = $"http://127.0.0.1:{httpPort}",
            ["Storage__ConnectionString"] = $"Data Source={database}",
        });
        try
        {
            using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{grpcPort}");
            var health = new Grpc.Health.V1.Health.HealthClient(channel);
            var status = await UntilAsync(async () => (await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(5))).Status, WireStatus.Serving, server);
            using var http = new HttpClient();
            using var ready = await http.GetAsync(new Uri($"http://127.0.0.1:{httpPort}/healthz/ready"));

            Assert.Equal(WireStatus.Serving, status);
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(database + suffix);
            }
        }
    }

    [Theory]
    [InlineData("Kestrel__Endpoints__Grpc__Protocols", "Http1AndHttp2", "Kestrel:Endpoints:Grpc:Protocols")]
    [InlineData("Kestrel__Endpoints__Grpc__Url", "", "Kestrel:Endpoints:Grpc:Url")]
    [InlineData("Kestrel__Endpoints__Http__Url", "http://127.0.0.1:5001", "both on port 5001")]
    [InlineData("Kestrel__Endpoints__Http__Protocols", "Http2", "Kestrel:Endpoints:Http:Protocols")]
    public async Task Start_BadEndpointConfiguration_ExitsNonZeroNamingTheSetting(string variable, string value, string named)
    {
        using var server = Start(new() { [variable] = value });
        var stderr = server.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await server.WaitForExitAsync(timeout.Token);

        Assert.NotEqual(0, server.ExitCode);
        Assert.Contains(named, await stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_StoreCannotBeOpened_ExitsNonZeroWithoutEverAnswering()
    {
        // the policy runtime opens before Kestrel listens, so a store that cannot be opened stops the host
        // and no request is ever answered from empty state.
        var grpcPort = FreePort();
        var missing = Path.Combine(Path.GetTempPath(), $"recordaccess-missing-{Guid.NewGuid():N}", "no-such-folder", "policy.db");
        using var server = Start(new()
        {
            ["Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{grpcPort}",
            ["Kestrel__Endpoints__Http__Url"] = $"http://127.0.0.1:{FreePort()}",
            ["Storage__ConnectionString"] = $"Data Source={missing};Mode=ReadWrite",
        });
        var stderr = server.StandardError.ReadToEndAsync();
        var answered = false;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!server.HasExited && !timeout.IsCancellationRequested)
        {
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, grpcPort, timeout.Token);
                answered = true;
            }
            catch (SocketException)
            {
                // not listening: as it should be
            }

            await Task.Delay(50, CancellationToken.None);
        }

        await server.WaitForExitAsync(timeout.Token);

        Assert.False(answered, "the gRPC port accepted a connection although the store could not be opened");
        Assert.NotEqual(0, server.ExitCode);
        Assert.NotEmpty(await stderr);
    }

    /// <summary>The server's own build output (src/RecordAccess.Server/bin/{configuration}/{tfm}), started from the temp directory.</summary>
    private static Process Start(Dictionary<string, string> environment)
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var root = testOutput;
        while (!File.Exists(Path.Combine(root.FullName, "RecordAccess.sln")))
        {
            root = root.Parent ?? throw new InvalidOperationException($"RecordAccess.sln not found above {AppContext.BaseDirectory}.");
        }

        var dll = Path.Combine(root.FullName, "src", "RecordAccess.Server", "bin", testOutput.Parent!.Name, testOutput.Name, "RecordAccess.Server.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetTempPath(),
            RedirectStandardOutput = false,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment.Remove("ASPNETCORE_CONTENTROOT");
        start.Environment.Remove("DOTNET_CONTENTROOT");
        start.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = string.Empty;
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return Process.Start(start) ?? throw new InvalidOperationException("Could not start the server.");
    }

    private static async Task<WireStatus> UntilAsync(Func<Task<WireStatus>> check, WireStatus wanted, Process server)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                var status = await check();
                if (status == wanted || DateTimeOffset.UtcNow > deadline)
                {
                    return status;
                }
            }
            catch (Grpc.Core.RpcException) when (DateTimeOffset.UtcNow < deadline && !server.HasExited)
            {
                // not listening yet
            }

            await Task.Delay(100);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
