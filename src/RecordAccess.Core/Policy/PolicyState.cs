using RecordAccess.Core.Model;
using RecordAccess.Core.Policy.Events;

namespace RecordAccess.Core.Policy;

/// <summary>
/// The current policy state: the projection of the event log, held in memory and keyed for the
/// engine (practices by ODS code, patients by NHS number, redactions and releases by the GP system's
/// stable entry id within the patient). Thread-safe: events are applied under a write lock, so a batch
/// becomes visible to readers all at once; readers copy what they need under a read lock.
/// </summary>
public sealed partial class PolicyState : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, PracticeRecord> _practices = new(StringComparer.Ordinal);
    private readonly Dictionary<long, PatientRecord> _patients = [];
    private readonly Dictionary<string, string> _odsCodes = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, DateOnly), PatientCode[]> _singleCodes = [];
    private readonly bool _contiguous;
    private long _version;
    private TaskCompletionSource _advanced = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>An empty state at version 0.</summary>
    /// <param name="contiguous">
    /// True (the default) for the live state: every applied event must follow the last one without a
    /// gap. False for partial replays (one patient's history), which skip unrelated versions.
    /// </param>
    public PolicyState(bool contiguous = true) => _contiguous = contiguous;

    /// <summary>The version of the last applied event (0 when none).</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>The number of patients known.</summary>
    public int PatientCount => Read(() => _patients.Count);

    /// <summary>The number of practices known.</summary>
    public int PracticeCount => Read(() => _practices.Count);

    /// <summary>
    /// Replays <paramref name="events"/> (in version order) into a new state, stopping before the first
    /// event after <paramref name="upToVersion"/> or recorded at or after <paramref name="before"/>.
    /// This is how "as of" questions are answered: the state is rebuilt, never looked up in a cache.
    /// </summary>
    /// <param name="events">Events in version order (all, or all of one patient and their practices).</param>
    /// <param name="upToVersion">The last version to include, or null for no limit.</param>
    /// <param name="before">Include only events recorded strictly before this instant, or null for no limit.</param>
    /// <param name="contiguous">False when <paramref name="events"/> is a partial history.</param>
    public static PolicyState Replay(IEnumerable<RecordedEvent> events, long? upToVersion = null, DateTimeOffset? before = null, bool contiguous = false)
    {
        ArgumentNullException.ThrowIfNull(events);
        var state = new PolicyState(contiguous);
        state.Apply(events.TakeWhile(e => (upToVersion is null || e.Version <= upToVersion) && (before is null || e.Event.RecordedAt < before)));
        return state;
    }

    /// <summary>Applies one event; an event at or below <see cref="Version"/> is ignored (already applied).</summary>
    /// <param name="recorded">The event.</param>
    public void Apply(RecordedEvent recorded) => Apply([recorded]);

    /// <summary>
    /// Applies events in version order, all under one write lock so that readers see all or none of
    /// them. Events at or below <see cref="Version"/> are ignored (already applied).
    /// </summary>
    /// <param name="events">The events, in version order.</param>
    /// <exception cref="InvalidOperationException">An event would leave a gap in a contiguous state.</exception>
    public void Apply(IEnumerable<RecordedEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var before = Version;
        _lock.EnterWriteLock();
        try
        {
            foreach (var recorded in events)
            {
                ApplyOne(recorded.Version, recorded.Event.Change);
            }
        }
        finally
        {
            _lock.ExitWriteLock();
            SignalIfAdvanced(before);
        }
    }

    /// <summary>As <see cref="Apply(IEnumerable{RecordedEvent})"/>, for changes read without who, when and why.</summary>
    /// <param name="changes">The changes, in version order.</param>
    /// <exception cref="InvalidOperationException">A change would leave a gap in a contiguous state.</exception>
    public void Apply(IReadOnlyList<VersionedChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var before = Version;
        _lock.EnterWriteLock();
        try
        {
            for (var i = 0; i < changes.Count; i++)
            {
                ApplyOne(changes[i].Version, changes[i].Change);
            }
        }
        finally
        {
            _lock.ExitWriteLock();
            SignalIfAdvanced(before);
        }
    }

    /// <summary>
    /// Completes when <see cref="Version"/> is above <paramref name="version"/>: at once if it already is, otherwise as
    /// soon as events are applied (by this server's writes or by the follower). A push signal, so that watchers of the
    /// log need not poll the store; readers then fetch the new events themselves.
    /// </summary>
    /// <param name="version">The version the caller has seen.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    public async Task WaitForVersionAfterAsync(long version, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            // Read the signal before the version: an advance after this read completes this very signal.
            var advanced = Volatile.Read(ref _advanced);
            if (Version > version)
            {
                return;
            }

            await advanced.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The practice's settings, or null when the practice is unknown.</summary>
    /// <param name="ods">The ODS code.</param>
    public PracticeRecord? FindPractice(string ods) => Read(() => _practices.GetValueOrDefault(ods));

    /// <summary>A copy of what the state holds for the patient, or null when the patient is unknown.</summary>
    /// <param name="nhsNumber">The NHS number (ten digits).</param>
    public PatientView? FindPatient(string nhsNumber) =>
        Key(nhsNumber) is { } key ? Read(() => _patients.TryGetValue(key, out var p) ? p.ToView(nhsNumber) : null) : null;

    /// <summary>
    /// Builds the engine's request for <paramref name="entries"/> of one patient from the state: practice
    /// and patient facts from the projection; an entry is redacted or released when the GP system says
    /// so or the state records it. An unknown patient or practice gives a request the engine answers
    /// with <c>DecisionUnavailable</c> (fail closed).
    /// </summary>
    /// <param name="nhsNumber">The patient's NHS number.</param>
    /// <param name="evaluationDate">The UK calendar date of evaluation.</param>
    /// <param name="entries">The entries as sent by the GP system.</param>
    /// <param name="nationalPause">The national pause switch.</param>
    public DecisionRequest BuildRequest(string nhsNumber, DateOnly evaluationDate, IReadOnlyList<EntryFacts> entries, bool nationalPause = false) =>
        BuildRequest(nhsNumber, evaluationDate, entries, nationalPause, out _);

    /// <summary>As <see cref="BuildRequest(string, DateOnly, IReadOnlyList{EntryFacts}, bool)"/>, also giving the state version the request was read at.</summary>
    /// <param name="nhsNumber">The patient's NHS number.</param>
    /// <param name="evaluationDate">The UK calendar date of evaluation.</param>
    /// <param name="entries">The entries as sent by the GP system.</param>
    /// <param name="nationalPause">The national pause switch.</param>
    /// <param name="version">The state version the facts were read at.</param>
    public DecisionRequest BuildRequest(string nhsNumber, DateOnly evaluationDate, IReadOnlyList<EntryFacts> entries, bool nationalPause, out long version)
    {
        ArgumentNullException.ThrowIfNull(nhsNumber);
        ArgumentNullException.ThrowIfNull(entries);
        _lock.EnterReadLock();
        try
        {
            version = _version;
            PatientRecord? patient = null;
            if (Key(nhsNumber) is { } key)
            {
                _patients.TryGetValue(key, out patient);
            }

            PracticeFacts? practice = null;
            if (patient?.Ods is { } ods && _practices.TryGetValue(ods, out var settings))
            {
                practice = new PracticeFacts { Ods = ods, SwitchOnDate = InputDate.Of(settings.SwitchOnDate), OptedOut = settings.OptedOut };
            }

            return new DecisionRequest
            {
                EvaluationDate = InputDate.Of(evaluationDate),
                NationalPause = nationalPause,
                Practice = practice,
                Patient = patient?.ToFacts(nhsNumber),
                Entries = patient is null ? entries : [.. entries.Select(e => WithStoredMarks(e, patient))],
            };
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>The NHS numbers of the patients registered at <paramref name="ods"/>.</summary>
    /// <param name="ods">The practice.</param>
    public IReadOnlyList<string> PatientsOf(string ods) => Read(() => _patients
        .Where(p => p.Value.Ods == ods)
        .Select(p => p.Key.ToString("D10", System.Globalization.CultureInfo.InvariantCulture))
        .ToList());

    /// <inheritdoc />
    public void Dispose() => _lock.Dispose();

    internal static long? Key(string nhsNumber) =>
        nhsNumber.Length == 10 && long.TryParse(nhsNumber, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var k) ? k : null;

    private static EntryFacts WithStoredMarks(EntryFacts e, PatientRecord patient)
    {
        var redacted = e.Redacted || (e.Id is not null && SmallSet.Contains(patient.Redacted, e.Id));
        var released = e.Released || (e.Id is not null && SmallSet.Contains(patient.Released, e.Id));
        return redacted == e.Redacted && released == e.Released ? e : e with { Redacted = redacted, Released = released };
    }

    private void SignalIfAdvanced(long before)
    {
        if (Version != before)
        {
            Interlocked.Exchange(ref _advanced, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }
    }

    private T Read<T>(Func<T> read)
    {
        _lock.EnterReadLock();
        try
        {
            return read();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    private void ApplyOne(long version, PolicyChange change)
    {
        if (version <= _version)
        {
            return;
        }

        if (_contiguous && version != _version + 1)
        {
            throw new InvalidOperationException(
                $"The policy log has a gap: the state is at version {_version} and the next event is version {version}.");
        }

        ApplyChange(change);
        Interlocked.Exchange(ref _version, version);
    }

    /// <summary>
    /// A patient's first code, shared with every patient who has the same code and date: code arrays are
    /// never changed in place (a new code makes a new array), so sharing is safe, and a batch-coded
    /// national state then holds a handful of arrays instead of millions.
    /// </summary>
    private PatientCode[] SingleCode(string code, DateOnly effective)
    {
        if (!_singleCodes.TryGetValue((code, effective), out var codes))
        {
            codes = [new PatientCode(PatientRecord.InternCode(code), InputDate.Of(effective))];
            if (_singleCodes.Count < 100_000)
            {
                _singleCodes.Add((PatientRecord.InternCode(code), effective), codes);
            }
        }

        return codes;
    }

    private string InternOds(string ods)
    {
        if (!_odsCodes.TryGetValue(ods, out var interned))
        {
            _odsCodes.Add(ods, ods);
            interned = ods;
        }

        return interned;
    }

    private PatientRecord Patient(string nhsNumber)
    {
        // Committed events are never dropped: an event for a patient without a registration creates a
        // record without demographics, which the engine answers with DecisionUnavailable (fail closed).
        var key = Key(nhsNumber) ?? throw new InvalidOperationException($"The policy log holds an invalid NHS number '{nhsNumber}'.");
        if (!_patients.TryGetValue(key, out var patient))
        {
            patient = new PatientRecord();
            _patients.Add(key, patient);
        }

        return patient;
    }

    private void ApplyChange(PolicyChange change)
    {
        switch (change)
        {
            case PracticeSettingsChanged c:
                _practices[InternOds(c.Ods)] = new PracticeRecord(c.SwitchOnDate, c.OptedOut);
                break;
            case PatientRegistered c:
                var registered = Patient(c.NhsNumber);
                registered.Ods = InternOds(c.Ods);
                registered.DateOfBirth = c.DateOfBirth;
                registered.RegistrationDate = c.RegistrationDate;
                break;
            case PatientCodeRecorded c:
                var coded = Patient(c.NhsNumber);
                coded.Codes = coded.Codes.Length == 0
                    ? SingleCode(c.Code, c.EffectiveDate)
                    : [.. coded.Codes, new PatientCode(PatientRecord.InternCode(c.Code), InputDate.Of(c.EffectiveDate))];
                break;
            case PatientRestricted c:
                Patient(c.NhsNumber).Restricted = true;
                break;
            case PatientRestrictionLifted c:
                Patient(c.NhsNumber).Restricted = false;
                break;
            case SafeguardingFlagRaised c:
                (Patient(c.NhsNumber).Flags ??= []).Add(c.FlagId);
                break;
            case SafeguardingFlagResolved c:
                Patient(c.NhsNumber).Flags?.Remove(c.FlagId);
                break;
            case IndividualGrantGiven c:
                Patient(c.NhsNumber).GrantDate = c.GrantDate;
                break;
            case IndividualGrantRevoked c:
                Patient(c.NhsNumber).GrantDate = null;
                break;
            case IndividualStartDateSet c:
                Patient(c.NhsNumber).StartDate = c.StartDate;
                break;
            case IndividualStartDateRemoved c:
                Patient(c.NhsNumber).StartDate = null;
                break;
            case HistoricAccessGranted c:
                Patient(c.NhsNumber).HistoricFrom = c.FromDate;
                break;
            case HistoricAccessRevoked c:
                Patient(c.NhsNumber).HistoricFrom = null;
                break;
            case EntryRedacted c:
                SmallSet.Add(ref Patient(c.NhsNumber).Redacted, c.EntryId);
                break;
            case EntryUnredacted c:
                SmallSet.Remove(ref Patient(c.NhsNumber).Redacted, c.EntryId);
                break;
            case EntryReleased c:
                SmallSet.Add(ref Patient(c.NhsNumber).Released, c.EntryId);
                break;
            case EntryReleaseWithdrawn c:
                SmallSet.Remove(ref Patient(c.NhsNumber).Released, c.EntryId);
                break;
            default:
                throw new InvalidOperationException($"Unknown policy change {change.GetType().Name}.");
        }
    }
}
