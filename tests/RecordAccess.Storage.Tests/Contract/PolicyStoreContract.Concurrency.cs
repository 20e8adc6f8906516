using RecordAccess.Core.Policy;
using RecordAccess.Core.Policy.Admin;
using RecordAccess.Core.Policy.Events;

namespace RecordAccess.Storage.Tests.Contract;

public abstract partial class PolicyStoreContract
{
    [Fact]
    public async Task ConcurrentWriters_ManyServersRaisingFlags_NoLostUpdateAndGapFreeVersions()
    {
        await SeedAsync(patients: 1);
        const int servers = 4;
        const int writesEach = 15;
        var admins = new List<PolicyAdmin> { Admin };
        for (var i = 1; i < servers; i++)
        {
            admins.Add(await OtherServerAsync());
        }

        var results = await Task.WhenAll(admins.SelectMany((admin, s) => Enumerable.Range(0, writesEach).Select(w =>
            Task.Run(() => admin.RaiseSafeguardingFlagAsync(Because(), Patient(1), $"flag-{s}-{w}")))));

        Assert.All(results, r => Assert.True(r.Succeeded, r.ToString()));
        Assert.Equal(servers * writesEach, results.Select(r => r.Version).Distinct().Count());
        var events = await AllEventsAsync();
        Assert.Equal(Enumerable.Range(1, events.Count).Select(v => (long)v), events.Select(e => e.Version));
        using var reloaded = await ReloadAsync();
        Assert.Equal(servers * writesEach, reloaded.FindPatient(Patient(1))!.SafeguardingFlags.Count);
        foreach (var admin in admins)
        {
            await admin.CatchUpAsync();
            Assert.Equal(servers * writesEach, admin.State.FindPatient(Patient(1))!.SafeguardingFlags.Count);
        }
    }

    [Fact]
    public async Task Follower_WithholdingWrittenByOtherServer_InForceHereWithinOneSecond()
    {
        await SeedAsync(patients: 1);
        var other = await OtherServerAsync();
        var follower = new PolicyFollower(Store, State, TimeSpan.FromMilliseconds(200), TimeProvider.System);
        using var stop = new CancellationTokenSource();
        var following = follower.RunAsync(stop.Token);

        var written = Ok(await other.RaiseSafeguardingFlagAsync(Because("disclosure of abuse"), Patient(1), "sg-1"));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (State.Version < written.Version && clock.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(10);
        }

        var elapsed = clock.Elapsed;
        await stop.CancelAsync();
        await following;
        Assert.True(elapsed < TimeSpan.FromSeconds(1), $"in force after {elapsed.TotalMilliseconds:F0} ms");
        var decisions = Core.Engine.DecisionEngine.Evaluate(State.BuildRequest(Patient(1), new DateOnly(2024, 10, 15), [Entry("e1")]));
        Assert.Equal(Core.Model.ReasonCode.SafeguardingFlag, decisions[0].Reason);
        Assert.Null(follower.LastFailure);
    }

    [Fact]
    public async Task ConcurrentWriters_SameChange_ExactlyOneEventOthersUnchanged()
    {
        await SeedAsync(patients: 1);
        var admins = new List<PolicyAdmin> { Admin, await OtherServerAsync(), await OtherServerAsync(), await OtherServerAsync() };

        var results = await Task.WhenAll(admins.Select(a => Task.Run(() => a.RestrictPatientAsync(Because(), Patient(1)))));

        Assert.All(results, r => Assert.True(r.Succeeded, r.ToString()));
        var written = Assert.Single(results, r => !r.Unchanged);
        Assert.All(results, r => Assert.Equal(written.Version, r.Version));
        Assert.Single(await AllEventsAsync(), e => e.Event.Change is PatientRestricted);
    }

    [Fact]
    public async Task ConcurrentWriters_BatchAndSingleWrites_BatchIsAtomicForReaders()
    {
        await SeedAsync(patients: 30);
        var other = await OtherServerAsync();
        var batch = Admin.BatchCodeAsync(Because(), Batch(Enumerable.Range(1, 30).Select(Patient)));
        var singles = Enumerable.Range(1, 10).Select(i => Task.Run(() => other.RaiseSafeguardingFlagAsync(Because(), Patient(i), "f"))).ToList();
        await batch;
        var singleResults = await Task.WhenAll(singles);

        var events = await AllEventsAsync();
        var batchVersions = events.Where(e => e.Event.Change is PatientCodeRecorded).Select(e => e.Version).ToList();
        Assert.Equal(30, batchVersions.Count);
        Assert.Equal(batchVersions[^1] - batchVersions[0] + 1, batchVersions.Count);
        Assert.All(singleResults, r => Assert.True(r.Succeeded));
    }
}
