namespace RecordAccess.Core.Policy;

/// <summary>An event as held in the log: its state version (strictly increasing, gap-free, in commit order) and the event.</summary>
/// <param name="Version">The state version this event produced.</param>
/// <param name="Event">The event.</param>
public sealed record RecordedEvent(long Version, PolicyEvent Event);
