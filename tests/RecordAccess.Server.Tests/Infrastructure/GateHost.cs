using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using RecordAccess.Core.Policy;
using RecordAccess.Core.Policy.Admin;
using RecordAccess.Core.Policy.Audit;
using RecordAccess.Server.Policy;

namespace RecordAccess.Server.Tests.Infrastructure;

/// <summary>
/// The real host (in memory, its own temp SQLite) with a settable clock as its TimeProvider and rollout switches a
/// test can change at runtime (<see cref="Flags"/>). Tokens are real and signed by the host's development issuer.
/// </summary>
public class GateHost() : ServerHost(kestrel: false)
{
    public const string Gate = "/recordaccess.v1.RecordAccessGate/";
    public const string Ods = "A81001";
    public const string OtherOds = "A81002";

    /// <summary>2024-10-15, noon UTC (13:00 in London).</summary>
    public static readonly DateTimeOffset Today = new(2024, 10, 15, 12, 0, 0, TimeSpan.Zero);

    public SettableClock Clock { get; } = new(Today);

    /// <summary>A staleness bound wider than any jump of a settable clock (the conformance cases run in 2200).</summary>
    internal const string MaxStaleness = "365000.00:00:00";

    public SettableConfigurationProvider Flags { get; } = new();

    internal PolicyRuntime Runtime => Services.GetRequiredService<PolicyRuntime>();

    public static ChangeContext System { get; } = new(Actor.System("gate-tests"), "test state");

    /// <summary>A supplier token ("Bearer ...") valid both at the host's clock and at the real time (the JWT handler reads the real clock).</summary>
    public string Supplier(string clientId = "emis", string practices = Ods, string scopes = "gate.evaluate")
    {
        var (from, lifetime) = Window();
        return "Bearer " + Tokens.MintSupplier(clientId, scopes.Split(' '), practices.Split(' '), from, lifetime);
    }

    public string Staff(string ods = Ods)
    {
        var (from, lifetime) = Window();
        return "Bearer " + Tokens.MintStaff("staff-1", ods, "R8000", from, lifetime);
    }

    public string Patient(string nhs)
    {
        var (from, lifetime) = Window();
        return "Bearer " + Tokens.MintPatient(nhs, from, lifetime);
    }

    /// <summary>Practice <see cref="Ods"/> switched on 2023-10-31 and <see cref="OtherOds"/>, both known.</summary>
    public async Task SeedPracticesAsync()
    {
        Ok(await Runtime.Admin.SetPracticeSettingsAsync(System, Ods, "2023-10-31", optedOut: false));
        Ok(await Runtime.Admin.SetPracticeSettingsAsync(System, OtherOds, "2023-10-31", optedOut: false));
    }

    public async Task<string> RegisterAsync(int seed, string ods = Ods)
    {
        var nhs = TestNhs.Make(seed);
        Ok(await Runtime.Admin.RegisterPatientAsync(System, nhs, ods, "1980-05-05", "2010-01-01"));
        return nhs;
    }

    public async Task<List<DecisionAuditRecord>> AuditOfAsync(string nhs)
    {
        var records = new List<DecisionAuditRecord>();
        await foreach (var r in Runtime.Store.ReadForPatientAsync(nhs))
        {
            records.Add(r);
        }

        return records;
    }

    public static AdminResult Ok(AdminResult result) =>
        result.Succeeded ? result : throw new InvalidOperationException("expected success but: " + result);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Policy:SeedDemoData", "false");
        builder.UseSetting("Policy:MinVersionWait", "00:00:00.300");

        // Tests move the settable clock by days, and the follower stamps its reads with it: staleness is not under test here.
        builder.UseSetting("Policy:MaxStaleness", MaxStaleness);
        builder.UseSetting("Gate:ResponseChunkSize", "3");
        builder.UseSetting("Gate:MaxEntriesPerRecord", "1000");
        builder.UseSetting("Gate:MaxLabelsPerEntry", "4");
        builder.UseSetting("Gate:MaxOpenRecords", "8");
        builder.UseSetting("Gate:MaxOpenRecordsPerCaller", "12");
        builder.ConfigureAppConfiguration((_, configuration) => configuration.Add(Flags));
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    private (DateTimeOffset From, TimeSpan Lifetime) Window()
    {
        var (a, b) = (Clock.GetUtcNow(), DateTimeOffset.UtcNow);
        var from = (a < b ? a : b).AddHours(-1);
        var to = (a > b ? a : b).AddHours(1);
        return (from, to - from);
    }
}
