using Microsoft.Extensions.Options;
using RecordAccess.Core.Policy;
using RecordAccess.Core.Policy.Admin;
using RecordAccess.Core.Policy.Audit;
using RecordAccess.Storage;

namespace RecordAccess.Server.Policy;

/// <summary>
/// Opens the store (migrating its schema), loads the state, and starts following the shared log, before the
/// server accepts calls (hosted services start before Kestrel listens). A store that cannot be opened stops
/// the host: a gate without its state must not serve.
/// </summary>
internal sealed partial class PolicyStartup(
    PolicyRuntime runtime,
    IConfiguration configuration,
    IOptions<PolicyOptions> options,
    TimeProvider clock,
    ILogger<PolicyStartup> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _following = Task.CompletedTask;
    private Task _snapshotting = Task.CompletedTask;
    private int _disposed;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var storage = StorageConfiguration.Read(configuration);
        var store = await PolicyStore.OpenAsync(storage, cancellationToken).ConfigureAwait(false);
        var started = clock.GetTimestamp();
        var loaded = await PolicyLoader.LoadWithReportAsync(store, options.Value.UseSnapshots ? store : null, cancellationToken).ConfigureAwait(false);
        var state = loaded.State;
        if (loaded.SnapshotProblem is { } problem)
        {
            LogSnapshotIgnored(logger, problem);
        }

        var admin = new PolicyAdmin(store, state, clock);
        if (options.Value.SeedDemoData && state.Version == 0)
        {
            await DemoData.SeedAsync(admin, clock, cancellationToken).ConfigureAwait(false);
        }

        var audit = new AuditGroupCommitter(store);
        var gate = new PolicyGate(state, audit, clock);
        var follower = new PolicyFollower(store, state, options.Value.FollowInterval, clock, store.ListenForChanges());
        runtime.Open(store, state, admin, gate, follower, audit);
        var seconds = clock.GetElapsedTime(started).TotalSeconds;
        var (practices, patients) = (state.PracticeCount, state.PatientCount);
        LogLoaded(logger, storage.Provider, state.Version, practices, patients, loaded.SnapshotVersion, seconds);
        _following = follower.RunAsync(_stopping.Token);
        _snapshotting = new PolicySnapshotWriter(store, state, options.Value, clock, logger).RunAsync(_stopping.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // The container may dispose this service before (or without) StopAsync, e.g. a test host torn down early.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await _following.ConfigureAwait(false);
        await _snapshotting.ConfigureAwait(false);
        _stopping.Dispose();
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _stopping.Cancel();
            _stopping.Dispose();
        }
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Policy state loaded from {Provider}: version {Version}, {Practices} practices, {Patients} patients (snapshot version {SnapshotVersion}, {Seconds:F2} s)")]
    private static partial void LogLoaded(ILogger logger, StorageProvider provider, long version, int practices, int patients, long? snapshotVersion, double seconds);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "The latest policy snapshot was ignored ({Problem}); the whole log was replayed")]
    private static partial void LogSnapshotIgnored(ILogger logger, string problem);
}
