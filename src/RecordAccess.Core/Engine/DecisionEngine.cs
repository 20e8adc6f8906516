using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using RecordAccess.Core.Identifiers;
using RecordAccess.Core.Model;

namespace RecordAccess.Core.Engine;

/// <summary>
/// The production evaluator of the rule table. Patient-level facts are computed once per request;
/// entries are then decided in three tight passes over a span (own answers and ids, parents, final
/// answers) that allocate nothing (scratch buffers and the <see cref="IdTable"/> are reused per
/// thread), and parent chains are resolved iteratively in linear time, however deep.
/// Its answers equal <see cref="ReferenceModel"/>'s (differential tests keep it so).
/// </summary>
public static partial class DecisionEngine
{
    /// <summary>Not yet decided (values above every <see cref="ReasonCode"/>).</summary>
    private const ReasonCode Unresolved = (ReasonCode)255;

    /// <summary>On the parent chain being walked.</summary>
    private const ReasonCode OnPath = (ReasonCode)254;

    /// <summary>Parent position marking an entry whose id is duplicated, between the first two passes.</summary>
    private const int Duplicate = -2;

    [ThreadStatic]
    private static Scratch? t_scratch;

    /// <summary>Decides every entry of the request, in request order.</summary>
    /// <param name="request">The request.</param>
    public static Decision[] Evaluate(DecisionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var decisions = new Decision[request.Entries.Count];
        Evaluate(request, decisions);
        return decisions;
    }

    /// <summary>Decides every entry of the request into <paramref name="decisions"/>, in request order.</summary>
    /// <param name="request">The request.</param>
    /// <param name="decisions">Room for exactly one decision per entry.</param>
    public static void Evaluate(DecisionRequest request, Span<Decision> decisions)
    {
        ArgumentNullException.ThrowIfNull(request);
        var entries = request.Entries;
        if (decisions.Length != entries.Count)
        {
            throw new ArgumentException("There must be exactly one decision slot per entry.", nameof(decisions));
        }

        if (RequestValidator.FindProblem(request) is not null)
        {
            for (var i = 0; i < decisions.Length; i++)
            {
                decisions[i] = new Decision(entries[i].Id, ReasonCode.DecisionUnavailable, request.RuleSet);
            }

            return;
        }

        var verdict = PatientVerdict.Of(request);
        var scratch = t_scratch ??= new Scratch();
        try
        {
            var items = scratch.Prepare(entries);
            DecideOwn(items, verdict, scratch);
            LinkParents(items, scratch);
            Resolve(items, scratch, decisions, request.RuleSet);
        }
        finally
        {
            if (!scratch.Release())
            {
                t_scratch = null;
            }
        }
    }

    /// <summary>
    /// Each entry's own answer, before its parent is considered: rule 0 (entry), rules 1–7 (patient),
    /// rules 8–11 and 11a; an empty or malformed id (<see cref="EntryId"/>) or a duplicate id (both occurrences) makes an entry invalid.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void DecideOwn(ReadOnlySpan<EntryFacts> items, in PatientVerdict verdict, Scratch s)
    {
        var own = s.Own.AsSpan(0, items.Length);
        var parent = s.Parent.AsSpan(0, items.Length);
        var ids = s.Ids;
        for (var i = 0; i < items.Length; i++)
        {
            var e = items[i];
            own[i] = DecideOwn(e, verdict);
            parent[i] = -1;
            if (string.IsNullOrEmpty(e.Id))
            {
                own[i] = ReasonCode.DecisionUnavailable;
            }
            else if (ids.AddOrGetFirst(items, i) is var first and >= 0)
            {
                own[i] = own[first] = ReasonCode.DecisionUnavailable;
                parent[i] = parent[first] = Duplicate;
            }
            else if (!EntryId.IsValid(e.Id))
            {
                // Still in the id table, so a child finds it (and is ParentWithheld) as in the reference model.
                own[i] = ReasonCode.DecisionUnavailable;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ReasonCode DecideOwn(EntryFacts e, in PatientVerdict v)
    {
        var recorded = e.RecordedDate;
        if ((uint)e.Kind - 1 > (uint)EntryKind.Coded - 1
            || (uint)e.Status - 1 > (uint)EntryStatus.Unfiled - 1
            || !recorded.IsValid
            || recorded.Value > v.Today
            || (v.RuleSet == RuleSetVersion.V2025_1 && e.Code is { } code && !SnomedCode.TryParse(code, out _, out _)))
        {
            return ReasonCode.DecisionUnavailable;
        }

        if (v.Reason != ReasonCode.Visible)
        {
            return v.Reason;
        }

        if (recorded.Value < v.AccessStart && v.HistoricFrom > recorded.Value)
        {
            return ReasonCode.BeforeAccessStart;
        }

        if (e.Status != EntryStatus.Final || e.Kind == EntryKind.Diary)
        {
            return ReasonCode.NotFinal;
        }

        if (e.Redacted)
        {
            return ReasonCode.EntryRedacted;
        }

        // Most entries carry no labels: an empty array needs no call.
        var labels = e.Labels;
        if (!e.Released && labels is not string[] { Length: 0 } && HasSensitiveLabel(labels))
        {
            return ReasonCode.EntrySensitive;
        }

        return v.RuleSet == RuleSetVersion.V2025_1 && RuleSet.IsAccessControlCode(e.Code)
            ? ReasonCode.AccessControlCode
            : ReasonCode.Visible;
    }

    private static bool HasSensitiveLabel(IReadOnlyList<string> labels)
    {
        if (labels is string[] array)
        {
            foreach (var label in array)
            {
                if (RuleSet.IsSensitiveLabel(label))
                {
                    return true;
                }
            }

            return false;
        }

        for (var i = 0; i < labels.Count; i++)
        {
            if (RuleSet.IsSensitiveLabel(labels[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Each entry's parent position (-1 for none); a parent id not in the request, empty, or the entry's own
    /// makes it invalid. A duplicated entry's own link is not followed, so chains end there and no answer
    /// depends on entry order.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void LinkParents(ReadOnlySpan<EntryFacts> items, Scratch s)
    {
        var parent = s.Parent.AsSpan(0, items.Length);
        var own = s.Own.AsSpan(0, items.Length);
        var ids = s.Ids;
        string? lastParentId = null;
        var lastParent = -1;
        for (var i = 0; i < items.Length; i++)
        {
            var parentId = items[i].ParentId;
            if (parent[i] == Duplicate)
            {
                // Invalid already; which copy's parent link would it be? The chain ends here.
                parent[i] = -1;
                continue;
            }

            if (parentId is null)
            {
                continue;
            }

            if (parentId.Length == 0)
            {
                // An empty parent id refers to nothing, even where an (invalid) entry has an empty id.
                own[i] = ReasonCode.DecisionUnavailable;
                continue;
            }

            // Siblings usually come together: an entry with its predecessor's parent id needs no second lookup.
            if (!string.Equals(parentId, lastParentId, StringComparison.Ordinal))
            {
                lastParentId = parentId;
                lastParent = ids.Find(items, parentId);
            }

            parent[i] = lastParent;
            if (lastParent < 0 || lastParent == i)
            {
                own[i] = ReasonCode.DecisionUnavailable;
            }
        }
    }

    /// <summary>
    /// Final answers in linear time, then the decisions in request order. An entry whose parent is
    /// absent or already settled is settled at once (the common case); otherwise its chain is walked.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Resolve(ReadOnlySpan<EntryFacts> items, Scratch s, Span<Decision> decisions, RuleSetVersion ruleSet)
    {
        var n = items.Length;
        var parent = s.Parent.AsSpan(0, n);
        var own = s.Own.AsSpan(0, n);
        var final = s.Final.AsSpan(0, n);
        final.Fill(Unresolved);
        for (var i = 0; i < final.Length; i++)
        {
            if (final[i] == Unresolved)
            {
                var p = parent[i];
                if (p < 0)
                {
                    final[i] = own[i];
                }
                else if (final[p] != Unresolved)
                {
                    final[i] = Settle(own[i], final[p]);
                }
                else
                {
                    WalkChain(i, s, n);
                }
            }
        }

        for (var i = 0; i < decisions.Length; i++)
        {
            decisions[i] = new Decision(items[i].Id, final[i], ruleSet);
        }
    }

    /// <summary>Rule 12 on top of an entry's own answer, given its parent's final answer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ReasonCode Settle(ReasonCode own, ReasonCode parentFinal) =>
        own != ReasonCode.Visible ? own
        : parentFinal != ReasonCode.Visible ? ReasonCode.ParentWithheld
        : ReasonCode.Visible;

    /// <summary>
    /// Walks the unresolved chain from <paramref name="start"/> up to a settled entry or a root,
    /// marking a cycle's members invalid, then settles the walked path from the top down.
    /// </summary>
    private static void WalkChain(int start, Scratch s, int n)
    {
        var parent = s.Parent.AsSpan(0, n);
        var own = s.Own.AsSpan(0, n);
        var final = s.Final.AsSpan(0, n);
        var path = s.Path.AsSpan(0, n);
        var depth = 0;
        var cur = start;
        while (cur >= 0 && final[cur] == Unresolved)
        {
            final[cur] = OnPath;
            path[depth++] = cur;
            cur = parent[cur];
        }

        if (cur >= 0 && final[cur] == OnPath)
        {
            // The chain came back to an entry on this path: everything from there up is a cycle.
            int member;
            do
            {
                member = path[--depth];
                final[member] = ReasonCode.DecisionUnavailable;
            }
            while (member != cur);
        }

        while (depth > 0)
        {
            var i = path[--depth];
            var p = parent[i];
            final[i] = p < 0 ? own[i] : Settle(own[i], final[p]);
        }
    }

    /// <summary>Per-thread buffers, grown as needed and reused, so that deciding allocates nothing per entry.</summary>
    private sealed class Scratch
    {
        private const int KeepUpTo = 1 << 16;

        private EntryFacts[] _copy = [];
        private int _copied;

        public IdTable Ids { get; } = new();

        public int[] Parent { get; private set; } = [];

        public int[] Path { get; private set; } = [];

        public ReasonCode[] Own { get; private set; } = [];

        public ReasonCode[] Final { get; private set; } = [];

        /// <summary>Sizes the buffers for the request and returns its entries as a span (copied only when not an array or list).</summary>
        public ReadOnlySpan<EntryFacts> Prepare(IReadOnlyList<EntryFacts> entries)
        {
            var n = entries.Count;
            if (Parent.Length < n)
            {
                var size = Math.Max(n, Parent.Length * 2);
                Parent = new int[size];
                Path = new int[size];
                Own = new ReasonCode[size];
                Final = new ReasonCode[size];
            }

            Ids.Reset(n);
            switch (entries)
            {
                case EntryFacts[] array:
                    return array;
                case List<EntryFacts> list:
                    return CollectionsMarshal.AsSpan(list);
                default:
                    if (_copy.Length < n)
                    {
                        _copy = new EntryFacts[Math.Max(n, _copy.Length * 2)];
                    }

                    for (var i = 0; i < n; i++)
                    {
                        _copy[i] = entries[i];
                    }

                    _copied = n;
                    return _copy.AsSpan(0, n);
            }
        }

        /// <summary>Forgets the request's entries; false when the buffers grew too large to keep for this thread.</summary>
        public bool Release()
        {
            Array.Clear(_copy, 0, _copied);
            _copied = 0;
            return Parent.Length <= KeepUpTo;
        }
    }
}
