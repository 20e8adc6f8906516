using RecordAccess.Core.Policy.Events;

namespace RecordAccess.Core.Policy;

/// <summary>A change with who made it, when and why, before the store gives it a version.</summary>
/// <param name="RecordedAt">When the change was made (UTC instant).</param>
/// <param name="Actor">Who made it.</param>
/// <param name="Reason">Why (free text); required when <see cref="PolicyChange.RequiresReason"/>.</param>
/// <param name="Change">What changed.</param>
public sealed record PolicyEvent(DateTimeOffset RecordedAt, Actor Actor, string? Reason, PolicyChange Change);
