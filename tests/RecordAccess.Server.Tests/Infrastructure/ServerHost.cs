using System.Net;
using Grpc.Net.Client;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using RecordAccess.Identity.Development;

namespace RecordAccess.Server.Tests.Infrastructure;

/// <summary>
/// The real host (Program) with the test-only echo service added and small message limits; in memory
/// (TestServer) or, with <paramref name="kestrel"/>, on real sockets with the appsettings' two endpoints on free loopback ports.
/// </summary>
public abstract class ServerHost(bool kestrel) : WebApplicationFactory<Program>
{
    public const int MaxMessageSize = 64 * 1024;

    private readonly int _grpcPort = kestrel ? FreePort() : 0;
    private readonly int _httpPort = kestrel ? FreePort() : 0;

    /// <summary>This host's own SQLite store, deleted with the host.</summary>
    public string DatabasePath { get; } = Path.Combine(Path.GetTempPath(), $"recordaccess-test-{Guid.NewGuid():N}.db");

    /// <summary>This host's own development signing key, deleted with the host.</summary>
    public string SigningKeyPath { get; } = Path.Combine(Path.GetTempPath(), $"recordaccess-test-key-{Guid.NewGuid():N}.pem");

    /// <summary>The host's development issuer: mints real signed tokens its authentication pipeline accepts.</summary>
    public DevelopmentIssuer Tokens => Services.GetRequiredService<DevelopmentIssuer>();

    public bool IsKestrel => kestrel;

    public Uri GrpcAddress => new($"http://127.0.0.1:{_grpcPort}");

    public Uri HttpAddress => new($"http://127.0.0.1:{_httpPort}");

    internal CallProbe Probe => Services.GetRequiredService<CallProbe>();

    /// <summary>An HttpClient that speaks HTTP/2 only (h2c with prior knowledge on Kestrel).</summary>
    public HttpClient CreateGrpcClient()
    {
        HttpClient client;
        if (kestrel)
        {
            StartServer();
            client = new HttpClient(new SocketsHttpHandler { EnableMultipleHttp2Connections = true }) { BaseAddress = GrpcAddress };
        }
        else
        {
            client = CreateDefaultClient();
        }

        client.DefaultRequestVersion = HttpVersion.Version20;
        client.DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact;
        client.Timeout = TimeSpan.FromSeconds(30);
        return client;
    }

    /// <summary>
    /// A channel for Grpc.Net.Client's generated clients: over the test server's handler in memory, or h2c to Kestrel.
    /// Dispose it with the test.
    /// </summary>
    public GrpcChannel CreateChannel()
    {
        if (kestrel)
        {
            StartServer();
            return GrpcChannel.ForAddress(GrpcAddress, new GrpcChannelOptions { MaxReceiveMessageSize = null, MaxSendMessageSize = null });
        }

        return GrpcChannel.ForAddress(Server.BaseAddress, new GrpcChannelOptions
        {
            HttpHandler = Server.CreateHandler(),
            MaxReceiveMessageSize = null,
            MaxSendMessageSize = null,
        });
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Grpc:MaxReceiveMessageSize", MaxMessageSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Grpc:MaxSendMessageSize", MaxMessageSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Grpc:EnableDetailedErrors", "false");
        builder.UseEnvironment("Development");
        builder.UseSetting("Identity:Development:Enabled", "true");
        builder.UseSetting("Identity:Development:KeyPath", SigningKeyPath);
        builder.UseSetting("Storage:Provider", "Sqlite");
        builder.UseSetting("Storage:ConnectionString", $"Data Source={DatabasePath}");
        if (kestrel)
        {
            builder.UseSetting("Kestrel:Endpoints:Grpc:Url", GrpcAddress.ToString());
            builder.UseSetting("Kestrel:Endpoints:Http:Url", HttpAddress.ToString());
        }

        builder.ConfigureServices(services =>
        {
            services.AddSingleton<CallProbe>();
            services.AddTestGrpcService<EchoService>();
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(DatabasePath + suffix);
        }

        File.Delete(SigningKeyPath);
    }

    private static readonly HashSet<int> HandedOut = [];

    /// <summary>A free loopback port, never the same one twice in this test run (hosts start in parallel).</summary>
    private static int FreePort()
    {
        lock (HandedOut)
        {
            while (true)
            {
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                if (HandedOut.Add(port))
                {
                    return port;
                }
            }
        }
    }
}
