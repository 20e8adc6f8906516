using RecordAccess.Core.Policy;
using RecordAccess.Core.Policy.Events;
using RecordAccess.Server.Contracts.V1;
using Grpc.Core;
using RecordAccess.Server.Policy;

namespace RecordAccess.Server.Admin;

/// <summary>
/// One WatchChanges stream (decision A5): reads the log from the store a page at a time after the last version it
/// handled, sends the events of the practices it may see, and when it has caught up waits for the state's
/// version-advanced signal (raised by this server's writes and by the follower applying other servers' commits).
/// Nothing is pushed to it, so a slow client only slows itself: writers never wait for it and its memory is one
/// page plus a bounded map of patients' practices.
/// </summary>
internal sealed class ChangeWatch(PolicyRuntime runtime, AdminOptions options, Func<string, bool> mayWatch)
{
    /// <summary>Each patient's practice as of the last event handled (null: not registered then).</summary>
    private readonly Dictionary<string, string?> _practiceOf = new(StringComparer.Ordinal);

    /// <summary>True while <see cref="_practiceOf"/> holds every registration since version 0 (the stream started there).</summary>
    private bool _complete;

    /// <summary>The version of the last event handled (sent or filtered out).</summary>
    public long LastVersion { get; private set; }

    /// <summary>How many events were sent.</summary>
    public long Sent { get; private set; }

    public async Task RunAsync(long fromVersion, IServerStreamWriter<ChangeEvent> writer, CancellationToken cancellationToken)
    {
        LastVersion = fromVersion;
        _complete = fromVersion == 0;
        while (true)
        {
            var page = await runtime.Store.ReadPageAsync(LastVersion, options.WatchPageSize, cancellationToken).ConfigureAwait(false);
            foreach (var recorded in page)
            {
                if (await PracticeOfAsync(recorded, cancellationToken).ConfigureAwait(false) is { } ods && mayWatch(ods))
                {
                    await writer.WriteAsync(ChangeEvents.ToMessage(recorded, ods), cancellationToken).ConfigureAwait(false);
                    Sent++;
                }

                LastVersion = recorded.Version;
            }

            if (page.Count < options.WatchPageSize)
            {
                await runtime.State.WaitForVersionAfterAsync(LastVersion, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The practice an event belongs to: the practice changed, or the patient's practice when it was recorded.</summary>
    private async ValueTask<string?> PracticeOfAsync(RecordedEvent recorded, CancellationToken cancellationToken)
    {
        switch (recorded.Event.Change)
        {
            case PracticeChange practice:
                return practice.Ods;
            case PatientRegistered registered:
                // A move belongs to the new practice only: the practice left is not told where the patient went.
                Remember(registered.NhsNumber, registered.Ods);
                return registered.Ods;
            case PatientChange patient:
                if (_practiceOf.TryGetValue(patient.NhsNumber, out var known) || _complete)
                {
                    return known;
                }

                var ods = await RegisteredBeforeAsync(patient.NhsNumber, recorded.Version, cancellationToken).ConfigureAwait(false);
                Remember(patient.NhsNumber, ods);
                return ods;
            default:
                return null;
        }
    }

    /// <summary>The practice of the patient's last registration before <paramref name="version"/>, from the store.</summary>
    private async Task<string?> RegisteredBeforeAsync(string nhsNumber, long version, CancellationToken cancellationToken)
    {
        string? ods = null;
        await foreach (var e in runtime.Store.ReadPatientHistoryAsync(nhsNumber, cancellationToken).ConfigureAwait(false))
        {
            if (e.Version >= version)
            {
                break;
            }

            if (e.Event.Change is PatientRegistered registered && registered.NhsNumber == nhsNumber)
            {
                ods = registered.Ods;
            }
        }

        return ods;
    }

    private void Remember(string nhsNumber, string? ods)
    {
        if (_practiceOf.Count >= options.WatchPracticeCacheSize && !_practiceOf.ContainsKey(nhsNumber))
        {
            _practiceOf.Clear();
            _complete = false;
        }

        _practiceOf[nhsNumber] = ods;
    }
}
