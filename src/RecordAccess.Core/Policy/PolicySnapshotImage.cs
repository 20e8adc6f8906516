namespace RecordAccess.Core.Policy;

/// <summary>A projection snapshot as stored: the version it reflects, its image format and its parts (see <see cref="PolicySnapshot"/>).</summary>
/// <param name="Version">The state version the snapshot reflects.</param>
/// <param name="Format">The image format (<see cref="PolicySnapshot.Format"/> when written by this build).</param>
/// <param name="Parts">Part 0 the header, then the body.</param>
public sealed record PolicySnapshotImage(long Version, int Format, IReadOnlyList<byte[]> Parts);
