using Microsoft.AspNetCore.Hosting;

namespace RecordAccess.Server.Tests.Infrastructure;

/// <summary>The in-memory host with the demo practices and patients seeded (practice A81001 and its patients).</summary>
public sealed class DemoDataHost() : ServerHost(kestrel: false)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Policy:SeedDemoData", "true");
    }
}
