namespace RecordAccess.Core.Policy;

/// <summary>What an append did.</summary>
public enum AppendStatus
{
    /// <summary>The events were committed.</summary>
    Appended = 1,

    /// <summary>The decision returned no events: no event was written (the idempotency key is recorded when <see cref="AppendRequest.KeepKeyWhenNothingAppended"/> says so).</summary>
    NothingToAppend = 2,

    /// <summary>The idempotency key was already committed with the same content: nothing was written.</summary>
    AlreadyApplied = 3,

    /// <summary>The idempotency key was already committed with different content: nothing was written.</summary>
    KeyConflict = 4,
}
