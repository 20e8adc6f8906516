namespace RecordAccess.Storage.Model;

/// <summary>One row of <c>policy_snapshots</c>: one part of a projection snapshot (decision 0100); part 0 is its header.</summary>
internal sealed class SnapshotPartRow
{
    public long Version { get; set; }

    public int Part { get; set; }

    public int Format { get; set; }

    public byte[] Data { get; set; } = [];
}
