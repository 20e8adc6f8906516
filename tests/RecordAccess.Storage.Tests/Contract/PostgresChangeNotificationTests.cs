using Npgsql;
using RecordAccess.Core.Policy;
using RecordAccess.Core.Policy.Admin;
using RecordAccess.Storage.Postgres;
using RecordAccess.Storage.Tests.Support;

namespace RecordAccess.Storage.Tests.Contract;

/// <summary>
/// LISTEN/NOTIFY on a real PostgreSQL (fails, never skips, without one): a follower whose poll is far too slow to
/// explain it still applies another server's commit at once, and again after its listening connection is killed.
/// </summary>
public sealed class PostgresChangeNotificationTests : IAsyncLifetime
{
    private static readonly TimeSpan SlowPoll = TimeSpan.FromSeconds(30);
    // Properties, not fields: xunit disposes them through IAsyncLifetime (CA1001 looks only at fields).
    private PostgresStoreFactory Factory { get; } = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2024, 10, 15, 12, 0, 0, TimeSpan.Zero));
    private PolicyState State { get; } = new();
    private PolicyStore _store = null!;
    private PolicyStore _otherStore = null!;
    private PolicyAdmin _other = null!;

    public async Task InitializeAsync()
    {
        _store = await Factory.OpenAsync();
        _otherStore = await PolicyStore.OpenAsync(Factory.Options);
        _other = new PolicyAdmin(_otherStore, new PolicyState(), _clock);
        var because = new ChangeContext(Actor.Staff("staff-1", "A81001", "R8000"), "set-up");
        Assert.True((await _other.SetPracticeSettingsAsync(because, "A81001", "2023-10-31", optedOut: false)).Succeeded);
        Assert.True((await _other.RegisterPatientAsync(because, TestNhs.Make(1), "A81001", "1980-05-05", "2010-01-01")).Succeeded);
    }

    public async Task DisposeAsync()
    {
        State.Dispose();
        _other.State.Dispose();
        await _otherStore.DisposeAsync();
        await _store.DisposeAsync();
        await Factory.DisposeAsync();
    }

    [Fact]
    public async Task Follower_CommitOnOtherServer_AppliedAtOnceWithoutWaitingForThePoll()
    {
        var listener = Listener();
        await WaitUntilAsync(() => listener.IsListening, TimeSpan.FromSeconds(10));
        using var stop = new CancellationTokenSource();
        var follower = new PolicyFollower(_store, State, SlowPoll, TimeProvider.System, listener);
        var following = follower.RunAsync(stop.Token);

        for (var i = 0; i < 5; i++)
        {
            var written = await _other.RaiseSafeguardingFlagAsync(Because(), TestNhs.Make(1), $"sg-{i}");
            Assert.True(written.Succeeded, written.ToString());
            var elapsed = await WaitUntilAsync(() => State.Version >= written.Version, TimeSpan.FromSeconds(5));
            Assert.True(elapsed < TimeSpan.FromSeconds(1), $"applied after {elapsed.TotalMilliseconds:F0} ms");
        }

        await stop.CancelAsync();
        await following;
        Assert.Null(follower.LastFailure);
        Assert.Equal(5, State.FindPatient(TestNhs.Make(1))!.SafeguardingFlags.Count);
    }

    [Fact]
    public async Task Listener_ConnectionKilled_ReconnectsAndAnnouncesTheCommitMissedMeanwhile()
    {
        var listener = Listener();
        await WaitUntilAsync(() => listener.IsListening, TimeSpan.FromSeconds(10));
        using var stop = new CancellationTokenSource();
        var follower = new PolicyFollower(_store, State, SlowPoll, TimeProvider.System, listener);
        var following = follower.RunAsync(stop.Token);
        await WaitUntilAsync(() => State.Version >= _other.State.Version, TimeSpan.FromSeconds(5));

        await TerminateListenersAsync();
        var written = await _other.RaiseSafeguardingFlagAsync(Because(), TestNhs.Make(1), "sg-while-down");
        Assert.True(written.Succeeded, written.ToString());

        // Reopened after the first retry delay (50 ms, doubling up to the 1 s cap), the listener reads the latest version
        // and wakes the follower, long before its 30 s poll. (Typically ~0.1 s; the bound leaves room for a loaded machine.)
        var elapsed = await WaitUntilAsync(() => State.Version >= written.Version, TimeSpan.FromSeconds(10));
        Assert.True(elapsed < PostgresChangeListener.RetryDelay + TimeSpan.FromSeconds(1), $"applied after {elapsed.TotalMilliseconds:F0} ms");
        Assert.True(listener.IsListening);
        await stop.CancelAsync();
        await following;
    }

    private static ChangeContext Because() => new(Actor.Staff("staff-1", "A81001", "R8000"), "disclosure of abuse");

    private static async Task<TimeSpan> WaitUntilAsync(Func<bool> condition, TimeSpan limit)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition() && clock.Elapsed < limit)
        {
            await Task.Delay(5);
        }

        Assert.True(condition(), $"not reached within {limit}");
        return clock.Elapsed;
    }

    private PostgresChangeListener Listener() => Assert.IsType<PostgresChangeListener>(_store.ListenForChanges());

    private async Task TerminateListenersAsync()
    {
        await using var connection = new NpgsqlConnection(Factory.Options.ConnectionString);
        await connection.OpenAsync();
        await using var kill = new NpgsqlCommand(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND application_name = @name",
            connection);
        kill.Parameters.AddWithValue("name", PostgresChangeListener.ApplicationName);
        Assert.Equal(1L, await kill.ExecuteScalarAsync());
    }
}
