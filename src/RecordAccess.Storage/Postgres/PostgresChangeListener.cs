using System.Globalization;
using Npgsql;
using RecordAccess.Core.Policy;

namespace RecordAccess.Storage.Postgres;

/// <summary>
/// Hears the commits of every server on one PostgreSQL: a dedicated connection (outside the pool) that
/// <c>LISTEN</c>s on <see cref="Channel"/>, where each append announces its last version (see
/// <see cref="PostgresPolicyStore"/>). A lost connection is reopened at once after <see cref="FirstRetryDelay"/>, then
/// with the wait doubling up to <see cref="RetryDelay"/> while the database stays away; on each
/// (re)connection the latest version is read after <c>LISTEN</c>, so a commit missed while disconnected is
/// announced too. Nothing here changes state: it only tells the follower when to read.
/// </summary>
internal sealed class PostgresChangeListener : IPolicyChangeNotifications, IAsyncDisposable
{
    /// <summary>The channel every server listens on and every append notifies (payload: the version, in decimal).</summary>
    public const string Channel = "recordaccess_policy";

    /// <summary>The listening connection's application_name (how operators find it in pg_stat_activity).</summary>
    public const string ApplicationName = "recordaccess-listener";

    /// <summary>The longest wait between attempts to reopen a lost connection (the follower keeps polling meanwhile).</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The first wait after the connection is lost: a database back after a restart is heard again within about this,
    /// not a whole <see cref="RetryDelay"/> later. Doubles on each failed attempt, up to <see cref="RetryDelay"/>.
    /// </summary>
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(50);

    private readonly string _connectionString;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lock = new();
    private readonly Task _listening;
    private long _announced;
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _isListening;

    public PostgresChangeListener(string connectionString)
    {
        // KeepAlive: an idle LISTEN connection to a server that vanished without closing it is noticed within seconds.
        _connectionString = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, KeepAlive = 5, ApplicationName = ApplicationName }.ConnectionString;
        _listening = Task.Run(() => ListenAsync(_stopping.Token));
    }

    /// <summary>True while the connection is open and listening.</summary>
    public bool IsListening => _isListening;

    /// <summary>The highest version announced so far.</summary>
    public long Announced
    {
        get
        {
            lock (_lock)
            {
                return _announced;
            }
        }
    }

    /// <inheritdoc />
    public async Task WaitForChangeAsync(long knownVersion, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task next;
            lock (_lock)
            {
                if (_announced > knownVersion)
                {
                    return;
                }

                next = _next.Task;
            }

            await next.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _listening.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stopping.Dispose();
    }

    private void Announce(long version)
    {
        TaskCompletionSource? woken = null;
        lock (_lock)
        {
            if (version > _announced)
            {
                _announced = version;
                woken = _next;
                _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        woken?.SetResult();
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs e)
    {
        // Anything but a version is ignored: the poll still finds the commit.
        if (long.TryParse(e.Payload, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            Announce(version);
        }
    }

    private async Task ListenAsync(CancellationToken cancellationToken)
    {
        var delay = FirstRetryDelay;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var connection = new NpgsqlConnection(_connectionString);
                await using (connection.ConfigureAwait(false))
                {
                    await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                    connection.Notification += OnNotification;
                    await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                    {
                        await listen.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    }

                    await using (var latest = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM policy_events", connection))
                    {
                        Announce((long)(await latest.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!);
                    }

                    _isListening = true;
                    delay = FirstRetryDelay;
                    while (true)
                    {
                        await connection.WaitAsync(cancellationToken).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A lost connection is reopened; the follower polls meanwhile.
            catch (Exception)
#pragma warning restore CA1031
            {
                _isListening = false;
            }

            await Task.Delay(delay, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, RetryDelay.Ticks));
        }
    }
}
