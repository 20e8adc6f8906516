using System.Collections.Concurrent;
using Grpc.Core;
using Grpc.Health.V1;
using RecordAccess.Server.Contracts.V1;
using Xunit;

namespace RecordAccess.Server.Tests.MultiServer;

/// <summary>
/// Hazards ST-2 and AD-7 across servers: one server killed with SIGKILL while it takes writes loses none that it
/// acknowledged (they are on the shared log, and the other servers have them), and the other servers keep serving.
/// </summary>
[Collection(nameof(MultiServerProcesses))]
public sealed class CrashTests : IAsyncLifetime
{
    private const int Writers = 4;
    private const int AcknowledgedBeforeKill = 40;
    private ServerFleet _fleet = null!;

    public async Task InitializeAsync() => _fleet = await ServerFleet.StartAsync();

    public async Task DisposeAsync() => await _fleet.DisposeAsync();

    [Fact]
    public async Task KillHard_DuringWrites_EveryAcknowledgedWriteOnTheOthersAndTheyKeepServing()
    {
        var (a, b, victim) = (_fleet.Servers[0], _fleet.Servers[1], _fleet.Servers[2]);
        var (nhs, registered) = await _fleet.RegisterPatientAsync(a);
        await _fleet.ReasonAsync(victim, nhs, registered);
        var acknowledged = new ConcurrentBag<(string Flag, ulong Version)>();
        var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            for (var n = 0; ; n++)
            {
                var flag = $"w{w}-{n}";
                try
                {
                    var written = await victim.Admin.RaiseSafeguardingFlagAsync(
                        new SafeguardingFlagRequest { NhsNumber = nhs, FlagId = flag, Reason = "disclosure of abuse" },
                        _fleet.Staff,
                        deadline: DateTime.UtcNow.AddSeconds(5));
                    acknowledged.Add((flag, written.StateVersion));
                    if (acknowledged.Count >= AcknowledgedBeforeKill)
                    {
                        enough.TrySetResult();
                    }
                }
                catch (RpcException)
                {
                    return n; // The server is gone: this write was not acknowledged.
                }
            }
        })).ToList();

        await enough.Task.WaitAsync(TimeSpan.FromSeconds(30));
        victim.KillHard();
        var attempted = await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(attempted.Sum() >= AcknowledgedBeforeKill);

        var last = acknowledged.Max(x => x.Version);
        foreach (var survivor in new[] { a, b })
        {
            // Read-your-writes across servers: answered from state at least as new as the last acknowledged write.
            Assert.Equal(Reason.SafeguardingFlag, await _fleet.ReasonAsync(survivor, nhs, last));
            var state = await survivor.Admin.GetPatientStateAsync(new GetPatientStateRequest { NhsNumber = nhs }, _fleet.Staff);
            var missing = acknowledged.Select(x => x.Flag).Except(state.SafeguardingFlags).ToList();
            Assert.True(missing.Count == 0, $"server {survivor.Name} lacks acknowledged flags {string.Join(", ", missing)}");
            var health = await new global::Grpc.Health.V1.Health.HealthClient(survivor.Channel).CheckAsync(new HealthCheckRequest());
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
        }

        // The survivors still write and follow each other.
        var (next, version) = await _fleet.RegisterPatientAsync(b);
        await a.Admin.RaiseSafeguardingFlagAsync(new SafeguardingFlagRequest { NhsNumber = next, FlagId = "after", Reason = "after the crash" }, _fleet.Staff);
        Assert.Equal(Reason.SafeguardingFlag, await _fleet.ReasonAsync(b, next, version + 1));
    }
}
