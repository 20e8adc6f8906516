namespace RecordAccess.Core.Explain;

/// <summary>
/// An entry and its ancestors, following parent links upwards: <see cref="Path"/>[0] is the entry,
/// <see cref="Path"/>[k + 1] the parent of <see cref="Path"/>[k]. The chain ends at an entry without a parent,
/// at a parent id that names nothing, at a duplicated id (whose link is not followed: which copy's would it be?),
/// or where it comes back to an entry already on it: from <see cref="LoopStart"/> on, the path is a cycle.
/// </summary>
internal sealed class ParentChain
{
    private ParentChain(List<int> path, int loopStart)
    {
        Path = path;
        LoopStart = loopStart;
    }

    public IReadOnlyList<int> Path { get; }

    /// <summary>Where the cycle starts in <see cref="Path"/>, or -1 when the chain has no cycle.</summary>
    public int LoopStart { get; }

    public static ParentChain From(EntryGraph graph, int entry)
    {
        var path = new List<int>();
        var at = new Dictionary<int, int>();
        var current = entry;
        while (true)
        {
            at[current] = path.Count;
            path.Add(current);
            var parent = graph.ParentOf(current);
            if (graph.IsDuplicated(current) || parent < 0)
            {
                return new ParentChain(path, -1);
            }

            if (at.TryGetValue(parent, out var seen))
            {
                return new ParentChain(path, seen);
            }

            current = parent;
        }
    }

    /// <summary>True when <see cref="Path"/>[k] is on the cycle (following parents from it leads back to it).</summary>
    public bool OnCycle(int k) => LoopStart >= 0 && k >= LoopStart;

    /// <summary>The cycle through <see cref="Path"/>[k], from it back to it.</summary>
    public IEnumerable<int> CycleFrom(int k) =>
        Path.Skip(k).Concat(Path.Skip(LoopStart).Take(k - LoopStart)).Append(Path[k]);
}
