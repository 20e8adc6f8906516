using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using RecordAccess.Server.Gate;
using RecordAccess.Server.Policy;
using RecordAccess.Server.Tests.Infrastructure;
using Xunit;
using static RecordAccess.Server.Tests.Gate.GateCalls;

namespace RecordAccess.Server.Tests.Hosting;

/// <summary>The operators' instruments, read with a MeterListener from real calls on the real host.</summary>
public sealed class MetricsTests
{
    [Fact]
    public async Task EvaluateEntries_VisibleAndWithheld_DecisionsCountedByReason()
    {
        await using var host = new GateHost();
        await host.SeedPracticesAsync();
        var nhs = await host.RegisterAsync(1);
        var seen = new ConcurrentBag<(string Reason, string Surface, long Count)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == GateMetrics.MeterName && instrument.Name == GateMetrics.DecisionsName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var all = tags.ToArray().ToDictionary(t => t.Key, t => t.Value?.ToString());
            seen.Add((all["reason"]!, all["surface"]!, value));
        });
        listener.Start();
        using var client = host.CreateGrpcClient();

        var result = await client.EvaluateAsync(Evaluate(nhs, Entry("shown"), Entry("draft", status: Contracts.V1.EntryStatus.Draft), Entry("also-shown")), host.Supplier());

        Assert.Equal(0, result.StatusCode);
        Assert.Contains(("Visible", "grpc", 2L), seen);
        Assert.Contains(seen, s => s.Surface == "grpc" && s.Reason != "Visible" && s.Count == 1);
    }

    [Fact]
    public async Task PolicyGauges_Observed_StateVersionAndFollowerLag()
    {
        using var host = new AdminHost();
        var meter = host.Services.GetRequiredService<PolicyMetrics>().Meter;
        await WaitUntilAsync(() => host.Services.GetRequiredService<PolicyRuntime>().IsReady);
        var values = new ConcurrentDictionary<string, double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, meter))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => values[instrument.Name] = value);
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => values[instrument.Name] = value);
        listener.Start();

        listener.RecordObservableInstruments();

        Assert.Equal(host.Services.GetRequiredService<PolicyRuntime>().State.Version, (long)values["recordaccess.policy.state_version"]);
        Assert.InRange(values["recordaccess.policy.follower.lag_ms"], 0, 2_000);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(50);
        }
    }
}
