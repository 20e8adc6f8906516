using System.Runtime.CompilerServices;
using System.Numerics;
using System.Runtime.InteropServices;
using RecordAccess.Core.Model;

namespace RecordAccess.Core.Engine;

/// <summary>
/// Maps the entry ids of one request to the position of their first occurrence, for
/// <see cref="DecisionEngine"/>: an open-addressing table over the request's entries, reused per
/// thread, with a hash seeded once per process. It answers exactly as a
/// <c>Dictionary&lt;string, int&gt;</c> with ordinal comparison filled by <c>TryAdd</c> in entry order, and
/// turns into one when probing exceeds a budget (crafted colliding ids), so its worst case stays that
/// of the dictionary.
/// </summary>
internal sealed class IdTable
{
    private const ulong K1 = 0x9E3779B97F4A7C15;
    private const ulong K2 = 0xC2B2AE3D27D4EB4F;
    private const ulong K3 = 0xBF58476D1CE4E5B9;

    private const int NotFound = -1;
    private const int OverBudget = -2;

    private static readonly ulong Seed = (ulong)Random.Shared.NextInt64() | 1;

    private readonly int _budgetPerEntry;
    private readonly int _budgetBase;

    /// <summary>Slots: upper 32 bits of the id's hash, lower 32 bits the entry position + 1; 0 is empty.</summary>
    private long[] _slots = [];
    private int _mask;
    private int _probeBudget;
    private int _added;
    private Dictionary<string, int>? _fallback;
    private bool _useFallback;

    /// <summary>A table that gives up probing after 16 probes per entry plus 1,024 (tests pass smaller budgets).</summary>
    /// <param name="budgetPerEntry">Probes allowed per entry of the request.</param>
    /// <param name="budgetBase">Probes allowed per request in addition.</param>
    public IdTable(int budgetPerEntry = 16, int budgetBase = 1024)
    {
        _budgetPerEntry = budgetPerEntry;
        _budgetBase = budgetBase;
    }

    /// <summary>True once this request's table has turned into a dictionary.</summary>
    public bool UsesFallback => _useFallback;

    /// <summary>Prepares an empty table for a request of <paramref name="count"/> entries.</summary>
    public void Reset(int count)
    {
        var size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, count * 2));
        if (_slots.Length < size)
        {
            _slots = new long[size];
        }
        else
        {
            Array.Clear(_slots, 0, size);
        }

        _mask = size - 1;
        _probeBudget = (int)Math.Min(int.MaxValue, ((long)_budgetPerEntry * count) + _budgetBase);
        _added = 0;
        _useFallback = false;
        _fallback?.Clear();
    }

    /// <summary>
    /// Adds the (non-empty) id of <c>entries[index]</c>; ids must be added in increasing position.
    /// Returns -1 when the id is new, else the position of its first occurrence.
    /// </summary>
    public int AddOrGetFirst(ReadOnlySpan<EntryFacts> entries, int index)
    {
        var id = entries[index].Id;
        _added = index + 1;
        if (!_useFallback)
        {
            var found = Probe(entries, id, out var emptySlot, out var tag);
            if (found == NotFound)
            {
                _slots[emptySlot] = tag | (uint)(index + 1);
                return -1;
            }

            if (found >= 0)
            {
                return found;
            }

            SwitchToFallback(entries, index);
        }

        return _fallback!.TryAdd(id, index) ? -1 : _fallback[id];
    }

    /// <summary>The position of the first entry with <paramref name="id"/>, or -1 when there is none.</summary>
    public int Find(ReadOnlySpan<EntryFacts> entries, string id)
    {
        if (!_useFallback)
        {
            var found = Probe(entries, id, out _, out _);
            if (found != OverBudget)
            {
                return found;
            }

            SwitchToFallback(entries, _added);
        }

        return _fallback!.TryGetValue(id, out var position) ? position : -1;
    }

    /// <summary>
    /// Linear probing for <paramref name="id"/>: the position of its first entry, or <see cref="NotFound"/>
    /// with the empty slot where it would go, or <see cref="OverBudget"/> once probing passed the budget.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Probe(ReadOnlySpan<EntryFacts> entries, string id, out int emptySlot, out long tag)
    {
        var hash = Hash(id);
        tag = (long)(hash & 0xFFFF_FFFF_0000_0000);
        for (var slot = (int)hash & _mask; ; slot = (slot + 1) & _mask)
        {
            var value = _slots[slot];
            if (value == 0)
            {
                emptySlot = slot;
                return NotFound;
            }

            var other = (int)(uint)value - 1;
            if ((value & unchecked((long)0xFFFF_FFFF_0000_0000)) == tag && string.Equals(entries[other].Id, id, StringComparison.Ordinal))
            {
                emptySlot = -1;
                return other;
            }

            if (--_probeBudget < 0)
            {
                emptySlot = -1;
                return OverBudget;
            }
        }
    }

    /// <summary>Rebuilds what was added so far (positions before <paramref name="end"/>) as a dictionary.</summary>
    private void SwitchToFallback(ReadOnlySpan<EntryFacts> entries, int end)
    {
        _fallback ??= new Dictionary<string, int>(StringComparer.Ordinal);
        _fallback.Clear();
        for (var i = 0; i < end; i++)
        {
            if (!string.IsNullOrEmpty(entries[i].Id))
            {
                _fallback.TryAdd(entries[i].Id, i);
            }
        }

        _useFallback = true;
    }

    /// <summary>
    /// Four independent multiply-rotate lanes over the UTF-16 code units (four per 64-bit block), so that
    /// a 36-character id takes two rounds, then a final mix: cheap, seeded per process, and every code
    /// unit reaches every bit of the result.
    /// </summary>
    private static ulong Hash(string id)
    {
        var chars = id.AsSpan();
        var blocks = MemoryMarshal.Cast<char, ulong>(chars);
        var a = Seed ^ (ulong)chars.Length;
        var b = Seed * K1;
        var c = Seed * K2;
        var d = Seed * K3;
        while (blocks.Length >= 4)
        {
            a = BitOperations.RotateLeft((a ^ blocks[0]) * K1, 31);
            b = BitOperations.RotateLeft((b ^ blocks[1]) * K2, 29);
            c = BitOperations.RotateLeft((c ^ blocks[2]) * K3, 27);
            d = BitOperations.RotateLeft((d ^ blocks[3]) * K1, 33);
            blocks = blocks[4..];
        }

        foreach (var block in blocks)
        {
            a = BitOperations.RotateLeft((a ^ block) * K2, 31);
        }

        foreach (var unit in chars[(chars.Length & ~3)..])
        {
            b = (b ^ unit) * K3;
        }

        var h = a ^ BitOperations.RotateLeft(b, 17) ^ BitOperations.RotateLeft(c, 34) ^ BitOperations.RotateLeft(d, 51);
        h ^= h >> 29;
        h *= K3;
        return h ^ (h >> 32);
    }
}
