using System.Diagnostics;
using RecordAccess.Server.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;
using static RecordAccess.Server.Tests.Gate.GateCalls;

namespace RecordAccess.Server.Tests.Gate;

/// <summary>
/// A quick local check (not a benchmark; the integrator runs h2load on Kestrel): 1,000-entry EvaluateEntries calls
/// in memory for a few seconds, and whether the audit kept up (one durable record per answered call).
/// Runs only with RECORDACCESS_MEASURE=1.
/// </summary>
public sealed class GateThroughputCheck(ITestOutputHelper output)
{
    [Fact]
    public async Task EvaluateEntries_ThousandEntryCalls_ThroughputAndEveryCallAudited()
    {
        if (Environment.GetEnvironmentVariable("RECORDACCESS_MEASURE") != "1")
        {
            return;
        }

        await using var host = new GateHost();
        await host.SeedPracticesAsync();
        var nhs = await host.RegisterAsync(1);
        var request = Evaluate(nhs, [.. Enumerable.Range(0, 1000).Select(i => Entry($"entry-{i:D4}", parent: i % 10 == 0 ? null : $"entry-{i - (i % 10):D4}"))]);
        var token = host.Supplier();
        using var client = host.CreateGrpcClient();
        var calls = 0L;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
        {
            while (stopwatch.Elapsed < TimeSpan.FromSeconds(5))
            {
                var result = await client.EvaluateAsync(request, token);
                Assert.Equal(0, result.StatusCode);
                Interlocked.Increment(ref calls);
            }
        }));
        var seconds = stopwatch.Elapsed.TotalSeconds;

        var audited = (await host.AuditOfAsync(nhs)).Count;
        output.WriteLine($"{calls} calls in {seconds:F1} s: {calls / seconds:F0} calls/s, {calls * 1000 / seconds:F0} entry decisions/s; audited {audited}");
        Assert.Equal(calls, audited);
    }
}
