using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using Grpc.Health.V1;
using RecordAccess.Server.Contracts.V1;
using Xunit;
using Xunit.Abstractions;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace RecordAccess.Server.Tests.MultiServer;

/// <summary>
/// Hazards H7 and AD-7 across servers (decision 0078): with PostgreSQL stopped, every server reports NOT_SERVING
/// within <c>Policy:MaxStaleness</c> and refuses the gate (UNAVAILABLE), never deciding from state that may lack a
/// block; when PostgreSQL is back, every server serves again and follows the others. The class runs on a PostgreSQL
/// cluster of its own, so stopping it disturbs no other class.
/// </summary>
[Collection(nameof(MultiServerProcesses))]
public sealed class PostgresRestartTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan MaxStaleness = TimeSpan.FromSeconds(1);

    // The bound plus slack for one follow interval and for two cores shared with other processes.
    private static readonly TimeSpan NotServingBound = MaxStaleness + TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(15);
    private PostgresCluster _cluster = null!;
    private ServerFleet _fleet = null!;

    public async Task InitializeAsync()
    {
        _cluster = await PostgresCluster.StartAsync();
        try
        {
            _fleet = await ServerFleet.StartAsync(
                postgres: _cluster.ConnectionString,
                settings: new Dictionary<string, string> { ["Policy__MaxStaleness"] = MaxStaleness.ToString("c", CultureInfo.InvariantCulture) });
        }
        catch
        {
            await _cluster.DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (!_cluster.Running)
            {
                await _cluster.StartServerAsync();
            }

            await _fleet.DisposeAsync();
        }
        finally
        {
            await _cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task PostgresStoppedThenStarted_EveryServerRefusesWithinTheBoundThenServesAndFollowsAgain()
    {
        var a = _fleet.Servers[0];
        var (nhs, registered) = await _fleet.RegisterPatientAsync(a);
        foreach (var server in _fleet.Servers)
        {
            Assert.Equal(ServingStatus.Serving, await HealthAsync(server));
            Assert.NotEqual(Reason.SafeguardingFlag, await _fleet.ReasonAsync(server, nhs, registered));
        }

        await _cluster.StopServerAsync();
        var stopped = Stopwatch.StartNew();
        var notServing = await Task.WhenAll(_fleet.Servers.Select(s => WaitForHealthAsync(s, ServingStatus.NotServing, stopped, NotServingBound)));

        // While PostgreSQL is down, every server refuses the gate: never a decision from state that may be stale.
        var refusals = 0;
        while (stopped.Elapsed < NotServingBound + TimeSpan.FromSeconds(1))
        {
            foreach (var server in _fleet.Servers)
            {
                var refused = await Assert.ThrowsAsync<RpcException>(() => _fleet.ReasonAsync(server, nhs));
                Assert.True(refused.StatusCode == StatusCode.Unavailable, $"server {server.Name}: {refused.Status}");
                Assert.Equal(ServingStatus.NotServing, await HealthAsync(server));
                refusals++;
            }

            await Task.Delay(100);
        }

        await _cluster.StartServerAsync();
        var started = Stopwatch.StartNew();
        var serving = await Task.WhenAll(_fleet.Servers.Select(s => WaitForHealthAsync(s, ServingStatus.Serving, started, RecoveryBound)));
        foreach (var server in _fleet.Servers)
        {
            Assert.NotEqual(Reason.SafeguardingFlag, await _fleet.ReasonAsync(server, nhs));
        }

        // A flag raised after recovery is in force on all three: they follow the log again.
        var write = Stopwatch.StartNew();
        var flag = await a.Admin.RaiseSafeguardingFlagAsync(
            new SafeguardingFlagRequest { NhsNumber = nhs, FlagId = "after-restart", Reason = "disclosure of abuse" }, _fleet.Staff);
        var written = write.Elapsed;
        var inForce = await Task.WhenAll(_fleet.Servers.Select(s => WaitForFlagAsync(s, nhs, flag.StateVersion)));

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"NOT_SERVING after stop: {string.Join(", ", notServing.Select(t => $"{t.TotalMilliseconds:F0} ms"))} (bound {NotServingBound.TotalMilliseconds:F0} ms); " +
            $"{refusals} gate calls refused while down; SERVING after start: {string.Join(", ", serving.Select(t => $"{t.TotalMilliseconds:F0} ms"))}; " +
            $"first write after the restart took {written.TotalMilliseconds:F0} ms; flag in force after {string.Join(", ", inForce.Select(t => $"{t.TotalMilliseconds:F0} ms"))}"));
    }

    private static async Task<ServingStatus> HealthAsync(ServerProcess server)
    {
        var health = new global::Grpc.Health.V1.Health.HealthClient(server.Channel);
        var answer = await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(5));
        return answer.Status;
    }

    private static async Task<TimeSpan> WaitForHealthAsync(ServerProcess server, ServingStatus expected, Stopwatch since, TimeSpan bound)
    {
        while (since.Elapsed < bound)
        {
            if (await HealthAsync(server) == expected)
            {
                return since.Elapsed;
            }

            await Task.Delay(20);
        }

        Assert.Fail($"server {server.Name}: not {expected} {bound.TotalMilliseconds:F0} ms after the change:\n{server.Output}");
        return since.Elapsed;
    }

    private async Task<TimeSpan> WaitForFlagAsync(ServerProcess server, string nhs, ulong version)
    {
        var since = Stopwatch.StartNew();
        while (since.Elapsed < TimeSpan.FromSeconds(5))
        {
            if (await _fleet.ReasonAsync(server, nhs, version) == Reason.SafeguardingFlag)
            {
                return since.Elapsed;
            }
        }

        Assert.Fail($"server {server.Name}: the flag raised after the restart is not in force after 5 s");
        return since.Elapsed;
    }
}
