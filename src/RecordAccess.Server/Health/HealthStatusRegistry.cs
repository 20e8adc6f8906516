using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace RecordAccess.Server.Health;

/// <summary>
/// The serving status of each service ("" = the server). Watchers see the current status and then every
/// change; a slow watcher skips to the latest status rather than queueing. Shutdown ends every watch.
/// </summary>
internal sealed class HealthStatusRegistry
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, HealthStatus> _statuses = new(StringComparer.Ordinal);
    private readonly List<Watcher> _watchers = [];
    private bool _shutDown;

    public void SetStatus(string service, HealthStatus status)
    {
        ArgumentNullException.ThrowIfNull(service);
        lock (_lock)
        {
            if (_shutDown || (_statuses.TryGetValue(service, out var current) && current == status))
            {
                return;
            }

            _statuses[service] = status;
            foreach (var watcher in _watchers)
            {
                if (string.Equals(watcher.Service, service, StringComparison.Ordinal))
                {
                    watcher.Channel.Writer.TryWrite(status);
                }
            }
        }
    }

    public bool TryGetStatus(string service, out HealthStatus status)
    {
        lock (_lock)
        {
            return _statuses.TryGetValue(service, out status);
        }
    }

    /// <summary>
    /// The current status (null = unknown service) and each change after it, until cancelled or until
    /// <see cref="Shutdown"/>, which ends the sequence after reporting NotServing.
    /// </summary>
    public async IAsyncEnumerable<HealthStatus?> WatchAsync(string service, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var watcher = new Watcher(service, Channel.CreateBounded<HealthStatus?>(
            new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true }));
        lock (_lock)
        {
            watcher.Channel.Writer.TryWrite(_statuses.TryGetValue(service, out var status) ? status : null);
            if (_shutDown)
            {
                watcher.Channel.Writer.TryComplete();
            }
            else
            {
                _watchers.Add(watcher);
            }
        }

        try
        {
            await foreach (var status in watcher.Channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return status;
            }
        }
        finally
        {
            lock (_lock)
            {
                _watchers.Remove(watcher);
            }
        }
    }

    /// <summary>Marks every service NotServing, tells the watchers, and ends their watches.</summary>
    public void Shutdown()
    {
        lock (_lock)
        {
            foreach (var service in _statuses.Keys)
            {
                _statuses[service] = HealthStatus.NotServing;
            }

            foreach (var watcher in _watchers)
            {
                if (_statuses.ContainsKey(watcher.Service))
                {
                    watcher.Channel.Writer.TryWrite(HealthStatus.NotServing);
                }

                watcher.Channel.Writer.TryComplete();
            }

            _shutDown = true;
        }
    }

    private sealed record Watcher(string Service, Channel<HealthStatus?> Channel);
}
