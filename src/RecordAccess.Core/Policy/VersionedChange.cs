using RecordAccess.Core.Policy.Events;

namespace RecordAccess.Core.Policy;

/// <summary>A change with its state version only (no who, when or why): what loading the state at start-up needs.</summary>
/// <param name="Version">The state version the change produced.</param>
/// <param name="Change">The change.</param>
public readonly record struct VersionedChange(long Version, PolicyChange Change);
