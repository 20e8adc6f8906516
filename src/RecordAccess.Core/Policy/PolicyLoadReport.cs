namespace RecordAccess.Core.Policy;

/// <summary>How <see cref="PolicyLoader.LoadWithReportAsync"/> built the state.</summary>
/// <param name="State">The loaded state.</param>
/// <param name="SnapshotVersion">The version of the snapshot it started from, or null when it replayed the whole log.</param>
/// <param name="SnapshotProblem">Why a stored snapshot was ignored, or null when none was.</param>
public sealed record PolicyLoadReport(PolicyState State, long? SnapshotVersion, string? SnapshotProblem);
