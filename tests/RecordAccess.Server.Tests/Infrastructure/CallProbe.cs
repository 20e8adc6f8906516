using System.Collections.Concurrent;

namespace RecordAccess.Server.Tests.Infrastructure;

/// <summary>Lets a test see inside a handler: whether a call (named by its request text) started, was cancelled, finished; and to hold it.</summary>
internal sealed class CallProbe
{
    private readonly ConcurrentDictionary<string, Probe> _probes = new(StringComparer.Ordinal);

    public Probe For(string key) => _probes.GetOrAdd(key, _ => new Probe());

    internal sealed class Probe
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Finished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
