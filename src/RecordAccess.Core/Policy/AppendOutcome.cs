namespace RecordAccess.Core.Policy;

/// <summary>The result of <see cref="IPolicyEventStore.AppendAsync"/>.</summary>
/// <param name="Status">What happened.</param>
/// <param name="Appended">The committed events (empty unless <see cref="AppendStatus.Appended"/>).</param>
/// <param name="FirstVersion">The first version written (for a replayed key: by the original request); 0 when none (also for a key whose request changed nothing).</param>
/// <param name="LastVersion">The last version written (for a replayed key: by the original request); otherwise the latest version.</param>
public sealed record AppendOutcome(AppendStatus Status, IReadOnlyList<RecordedEvent> Appended, long FirstVersion, long LastVersion);
