using RecordAccess.Core.Model;

namespace RecordAccess.Core.Explain;

/// <summary>The entries of one request by id: how many carry each id, and which entry a parent id names.</summary>
internal sealed class EntryGraph
{
    private readonly Dictionary<string, int> _first = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _count = new(StringComparer.Ordinal);

    public EntryGraph(IReadOnlyList<EntryFacts> entries)
    {
        Entries = entries;
        for (var i = 0; i < entries.Count; i++)
        {
            var id = entries[i].Id;
            _first.TryAdd(id, i);
            _count[id] = _count.GetValueOrDefault(id) + 1;
        }
    }

    public IReadOnlyList<EntryFacts> Entries { get; }

    /// <summary>How many entries carry <paramref name="id"/>.</summary>
    public int CountOf(string id) => _count.GetValueOrDefault(id);

    public bool IsDuplicated(int i) => CountOf(Entries[i].Id) > 1;

    /// <summary>
    /// The position of the entry the parent id names (the first, if the id is duplicated), or -1 when there is
    /// no parent id or it names no entry. An empty parent id names nothing, even where an entry has an empty id.
    /// </summary>
    public int ParentOf(int i) => Entries[i].ParentId is { Length: > 0 } id && _first.TryGetValue(id, out var p) ? p : -1;

    /// <summary>True when the entry has a parent id that names no entry (including the empty parent id).</summary>
    public bool ParentIsMissing(int i) => Entries[i].ParentId is not null && ParentOf(i) < 0;
}
