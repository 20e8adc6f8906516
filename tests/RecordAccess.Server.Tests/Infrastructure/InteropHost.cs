using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RecordAccess.Server.Tests.Infrastructure;

/// <summary>
/// The real host on Kestrel sockets for out-of-process gRPC clients, with what they cannot do through the product's
/// contracts: a settable clock and national pause (the test-only <see cref="ControlService"/>), and probes of what the
/// wire layer observed about a call (<see cref="ProbeLoggerProvider"/>). "At least this version" waits briefly (0.5 s)
/// and a streamed record holds at most <see cref="MaxEntriesPerRecord"/> entries, so limits are cheap to reach.
/// </summary>
public abstract class InteropHost : ServerHost
{
    public const int MaxEntriesPerRecord = 6000;

    private readonly bool _seedDemoData;

    protected InteropHost(bool seedDemoData)
        : base(kestrel: true)
    {
        _seedDemoData = seedDemoData;
        UseKestrel();
    }

    public SettableClock Clock { get; } = new();

    public SwitchableConfiguration Switches { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Policy:SeedDemoData", _seedDemoData ? "true" : "false");
        builder.UseSetting("Policy:MinVersionWait", "00:00:00.500");
        builder.UseSetting("Policy:MaxStaleness", GateHost.MaxStaleness); // the settable clock jumps; see GateHost
        builder.UseSetting("Gate:MaxEntriesPerRecord", MaxEntriesPerRecord.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.ConfigureAppConfiguration((_, configuration) => configuration.Add(Switches));
        builder.ConfigureServices(services =>
        {
            services.AddSingleton(Clock);
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton(Switches);
            services.AddHttpContextAccessor();
            services.AddSingleton<ProbeLoggerProvider>();
            services.AddSingleton<ILoggerProvider>(provider => provider.GetRequiredService<ProbeLoggerProvider>());
            services.AddSingleton<IStartupFilter>(provider => provider.GetRequiredService<ProbeLoggerProvider>());
            services.Configure<LoggerFilterOptions>(options =>
                options.AddFilter<ProbeLoggerProvider>(ProbeLoggerProvider.WireCategory, LogLevel.Information));
            services.AddTestGrpcService<ControlService>();
        });
    }
}

/// <summary>An interop host with the development demo data (DemoData: practices A81001-A81003 and their patients).</summary>
public sealed class DemoInteropHost() : InteropHost(seedDemoData: true);

/// <summary>An interop host with an empty store, for tests that load their own state.</summary>
public sealed class EmptyInteropHost() : InteropHost(seedDemoData: false);
