namespace RecordAccess.Core.Policy;

/// <summary>An atomic, optionally idempotent append to the policy log.</summary>
public sealed record AppendRequest
{
    /// <summary>The version the caller's state is at; the store passes later events to <see cref="Decide"/>.</summary>
    public long KnownVersion { get; init; }

    /// <summary>A client-supplied key: a request with a committed key is a no-op that returns the original versions.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>A digest of the request's content, stored with the key, so that a key reused for different content is refused.</summary>
    public string? Fingerprint { get; init; }

    /// <summary>
    /// Called once, inside the writer lock, with the events committed after <see cref="KnownVersion"/>.
    /// Returns the events to append, or an empty list to append nothing (the store then records nothing).
    /// An exception aborts the append.
    /// </summary>
    public required Func<IReadOnlyList<RecordedEvent>, IReadOnlyList<PolicyEvent>> Decide { get; init; }

    /// <summary>
    /// Asked when <see cref="Decide"/> returned no events and the request has an <see cref="IdempotencyKey"/>: true
    /// when the request succeeded without a change (what it asks for already holds), so the store records the key
    /// with first version 0 and last version = the latest version, and a later request with the key is answered
    /// <see cref="AppendStatus.AlreadyApplied"/> (or <see cref="AppendStatus.KeyConflict"/>); false or null when
    /// the request was refused, so the key stays free.
    /// </summary>
    public Func<bool>? KeepKeyWhenNothingAppended { get; init; }
}
