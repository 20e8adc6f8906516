using RecordAccess.Core.Policy;
using RecordAccess.Server.Contracts.V1;
using RecordAccess.Storage;
using Xunit;

namespace RecordAccess.Server.Tests.MultiServer;

/// <summary>
/// Decision 0100 end to end: a server with <c>Policy:SnapshotInterval</c> writes projection snapshots into the shared
/// PostgreSQL; a server joining later loads the snapshot plus the log after it, and answers exactly as the writer does,
/// including a safeguarding flag raised after the snapshot.
/// </summary>
[Collection(nameof(MultiServerProcesses))]
public sealed class SnapshotJoinTests : IAsyncLifetime
{
    private ServerFleet _fleet = null!;

    public async Task InitializeAsync() => _fleet = await ServerFleet.StartAsync(count: 1, settings: new Dictionary<string, string>
    {
        ["Policy__SnapshotInterval"] = "00:00:00.2",
        ["Policy__SnapshotMinEvents"] = "3", // the practice and two patients make the first; the flag alone does not make another
        ["Logging__LogLevel__RecordAccess.Server.Policy"] = "Information",
    });

    public async Task DisposeAsync() => await _fleet.DisposeAsync();

    [Fact]
    public async Task JoiningServer_LoadsTheSnapshotPlusTheTail_AndAnswersAsTheWriter()
    {
        var a = _fleet.Servers[0];
        var (visible, _) = await _fleet.RegisterPatientAsync(a);
        var (flagged, _) = await _fleet.RegisterPatientAsync(a);
        await using var store = await PolicyStore.OpenAsync(new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = _fleet.ConnectionString });
        var snapshot = await WaitForSnapshotAsync(store);

        // After the snapshot: a flag the joining server can only know from the tail of the log.
        var raised = await a.Admin.RaiseSafeguardingFlagAsync(
            new SafeguardingFlagRequest { NhsNumber = flagged, FlagId = "sg-1", Reason = "disclosure of abuse" }, _fleet.Staff);
        Assert.True((long)raised.StateVersion > snapshot);

        var b = await _fleet.JoinAsync("B");

        Assert.True(b.Output.Contains($"(snapshot version {snapshot},", StringComparison.Ordinal), b.Output);
        Assert.Equal(snapshot, await store.ReadLatestSnapshotVersionAsync(PolicySnapshot.Format));
        Assert.Equal(Reason.SafeguardingFlag, await _fleet.ReasonAsync(b, flagged, raised.StateVersion));
        Assert.Equal(await _fleet.ReasonAsync(a, visible), await _fleet.ReasonAsync(b, visible));
        Assert.Equal(Reason.Visible, await _fleet.ReasonAsync(b, visible));
    }

    private static async Task<long> WaitForSnapshotAsync(PolicyStore store)
    {
        var latest = await store.ReadVersionAsync();
        for (var i = 0; i < 100; i++)
        {
            if (await store.ReadLatestSnapshotVersionAsync(PolicySnapshot.Format) is { } version && version >= latest)
            {
                return version;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("no snapshot was written");
    }
}
