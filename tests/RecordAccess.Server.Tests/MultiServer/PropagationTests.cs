using System.Diagnostics;
using System.Globalization;
using RecordAccess.Server.Contracts.V1;
using Xunit;
using Xunit.Abstractions;

namespace RecordAccess.Server.Tests.MultiServer;

/// <summary>
/// Hazard H7 across servers: a safeguarding flag raised through the admin service of server A is in force on
/// servers B and C (real processes on one PostgreSQL) within one second, measured over many trials.
/// </summary>
[Collection(nameof(MultiServerProcesses))]
public sealed class PropagationTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Trials = 200;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(1);
    private ServerFleet _fleet = null!;

    public async Task InitializeAsync() => _fleet = await ServerFleet.StartAsync();

    public async Task DisposeAsync() => await _fleet.DisposeAsync();

    [Fact]
    public async Task RaiseSafeguardingFlag_OnServerA_InForceOnBAndCWithinOneSecond()
    {
        var (a, others) = (_fleet.Servers[0], _fleet.Servers.Skip(1).ToList());
        var (nhs, registered) = await _fleet.RegisterPatientAsync(a);
        foreach (var server in others)
        {
            Assert.NotEqual(Reason.SafeguardingFlag, await _fleet.ReasonAsync(server, nhs, registered));
        }

        var samples = new List<TimeSpan>(Trials);
        for (var i = 0; i < Trials; i++)
        {
            var flag = new SafeguardingFlagRequest { NhsNumber = nhs, FlagId = $"sg-{i}", Reason = "disclosure of abuse" };
            await a.Admin.RaiseSafeguardingFlagAsync(flag, _fleet.Staff);
            var written = Stopwatch.StartNew();
            var inForce = await Task.WhenAll(others.Select(s => WaitForAsync(s, nhs, withheld: true, written)));
            samples.Add(inForce.Max());

            // Resolved again before the next trial, so each trial measures one withholding change.
            var resolved = await a.Admin.ResolveSafeguardingFlagAsync(flag, _fleet.Staff);
            await Task.WhenAll(others.Select(s => WaitForAsync(s, nhs, withheld: false, Stopwatch.StartNew())));
            Assert.True(resolved.StateVersion > 0);
        }

        samples.Sort();
        var (p50, p99, max) = (samples[(samples.Count - 1) / 2], samples[(int)Math.Ceiling(samples.Count * 0.99) - 1], samples[^1]);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"propagation A -> B,C over {Trials} trials: p50 {p50.TotalMilliseconds:F1} ms, p99 {p99.TotalMilliseconds:F1} ms, max {max.TotalMilliseconds:F1} ms"));
        Assert.All(samples, s => Assert.True(s < Bound, $"a trial took {s.TotalMilliseconds:F0} ms"));
    }

    /// <summary>Asks <paramref name="server"/> again and again until the entry is withheld (or shown) for the flag.</summary>
    private async Task<TimeSpan> WaitForAsync(ServerProcess server, string nhs, bool withheld, Stopwatch since)
    {
        while (since.Elapsed < TimeSpan.FromSeconds(5))
        {
            if ((await _fleet.ReasonAsync(server, nhs) == Reason.SafeguardingFlag) == withheld)
            {
                return since.Elapsed;
            }
        }

        Assert.Fail($"server {server.Name}: {(withheld ? "flag" : "resolution")} not in force after 5 s");
        return since.Elapsed;
    }
}
