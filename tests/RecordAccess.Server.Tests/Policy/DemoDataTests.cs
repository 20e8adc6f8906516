using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using RecordAccess.Core.Policy;
using RecordAccess.Server.Policy;
using RecordAccess.Server.Tests.Infrastructure;
using Xunit;

namespace RecordAccess.Server.Tests.Policy;

/// <summary>Demo data (development runs) goes only into an empty store: never mixed into real policy state.</summary>
public sealed class DemoDataTests
{
    [Fact]
    public void SeedDemoData_EmptyStore_EveryDemoPatientRegistered()
    {
        using var host = new DemoDataHost();
        var state = host.Services.GetRequiredService<PolicyRuntime>().State;

        Assert.Equal(3, state.PracticeCount);
        foreach (var (nhs, ods, _) in DemoData.Patients)
        {
            Assert.Equal(ods, state.FindPatient(nhs)?.Ods);
        }

    }

    [Fact]
    public async Task SeedDemoData_StoreWithEvents_NothingSeeded()
    {
        using (var first = new HostOn(database: null, seed: false))
        {
            // A store that already holds real state: one practice's settings.
            var admin = first.Services.GetRequiredService<PolicyRuntime>().Admin;
            var written = await admin.SetPracticeSettingsAsync(new ChangeContext(Actor.System("test"), "real state"), "B82001", "2023-10-31", optedOut: false);
            Assert.True(written.Succeeded, written.ToString());
            using var second = new HostOn(first.DatabasePath, seed: true);
            var state = second.Services.GetRequiredService<PolicyRuntime>().State;

            Assert.Equal(1, state.Version);
            Assert.Equal(1, state.PracticeCount);
            Assert.Null(state.FindPatient(DemoData.Patients[0].NhsNumber));
        }
    }

    /// <summary>A host with or without demo seeding (Development turns it on), on its own or an existing store.</summary>
    private sealed class HostOn(string? database, bool seed) : ServerHost(kestrel: false)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Policy:SeedDemoData", seed ? "true" : "false");
            if (database is not null)
            {
                builder.UseSetting("Storage:ConnectionString", $"Data Source={database}");
            }
        }
    }
}
