extern alias server;

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace RecordAccess.Benchmarks;

/// <summary>The real host with its settings: development issuer, SQLite store with the demo data, loopback endpoints.</summary>
internal sealed class BenchmarkHost(string directory, int grpcPort, int httpPort = 0) : WebApplicationFactory<server::Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(AppContext.BaseDirectory);
        builder.UseEnvironment("Development");
        builder.UseSetting("Kestrel:Endpoints:Grpc:Url", $"http://127.0.0.1:{grpcPort}");
        builder.UseSetting("Kestrel:Endpoints:Grpc:Protocols", "Http2");
        builder.UseSetting("Kestrel:Endpoints:Http:Url", $"http://127.0.0.1:{(httpPort == 0 ? RequestPathBenchmarks.FreePort() : httpPort)}");
        builder.UseSetting("Kestrel:Endpoints:Http:Protocols", "Http1");
        builder.UseSetting("Identity:Development:Enabled", "true");
        builder.UseSetting("Identity:Development:KeyPath", System.IO.Path.Combine(directory, "key.pem"));
        builder.UseSetting("Storage:Provider", "Sqlite");
        builder.UseSetting("Storage:ConnectionString", $"Data Source={System.IO.Path.Combine(directory, "ra.db")}");
        builder.UseSetting("Policy:SeedDemoData", "true");
        builder.UseSetting("Grpc:EnableDetailedErrors", "false");
        builder.ConfigureLogging(logging => logging.ClearProviders());
    }
}

