using System.Runtime.CompilerServices;
using RecordAccess.Core.Model;

namespace RecordAccess.Core.Engine;

/// <summary>
/// The production evaluator of the rule table. Patient-level facts are computed once per request;
/// entries are then decided in a tight loop that allocates nothing per entry (scratch buffers are
/// reused per thread), and parent chains are resolved iteratively in linear time, however deep.
/// Its answers equal <see cref="ReferenceModel"/>'s (differential tests keep it so).
/// </summary>
public static class DecisionEngine
{
    private const byte Unvisited = 0;
    private const byte OnPath = 1;
    private const byte Done = 2;

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
                decisions[i] = new Decision(entries[i].Id, ReasonCode.DecisionUnavailable);
            }

            return;
        }

        var verdict = PatientVerdict.Of(request);
        var scratch = t_scratch ??= new Scratch();
        scratch.Prepare(entries.Count);
        try
        {
            IndexEntries(entries, scratch);
            DecideOwn(entries, verdict, scratch);
            ResolveParents(entries.Count, scratch);
            for (var i = 0; i < decisions.Length; i++)
            {
                decisions[i] = new Decision(entries[i].Id, scratch.Final[i]);
            }
        }
        finally
        {
            scratch.Release();
        }
    }

    /// <summary>
    /// Maps ids to their first position; marks empty and duplicate ids invalid; links parents. A duplicated
    /// entry's own parent link is not followed (which copy's link would it be?), so chains end there and the
    /// answers do not depend on entry order.
    /// </summary>
    private static void IndexEntries(IReadOnlyList<EntryFacts> entries, Scratch s)
    {
        const int Duplicate = -2;
        var n = entries.Count;
        for (var i = 0; i < n; i++)
        {
            s.Parent[i] = -1;
            var id = entries[i].Id;
            if (string.IsNullOrEmpty(id))
            {
                s.Invalid[i] = true;
            }
            else if (!s.Index.TryAdd(id, i))
            {
                var first = s.Index[id];
                s.Invalid[i] = s.Invalid[first] = true;
                s.Parent[i] = s.Parent[first] = Duplicate;
            }
        }

        for (var i = 0; i < n; i++)
        {
            var parentId = entries[i].ParentId;
            if (s.Parent[i] == Duplicate)
            {
                s.Parent[i] = -1;
            }
            else if (parentId is null)
            {
                continue;
            }
            else if (s.Index.TryGetValue(parentId, out var p))
            {
                s.Parent[i] = p;
                s.Invalid[i] |= p == i;
            }
            else
            {
                s.Invalid[i] = true;
            }
        }
    }

    /// <summary>Each entry's own answer, before its parent is considered: rule 0 (entry), rules 1–7 (patient), rules 8–11.</summary>
    private static void DecideOwn(IReadOnlyList<EntryFacts> entries, in PatientVerdict verdict, Scratch s)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            s.Own[i] = s.Invalid[i] ? ReasonCode.DecisionUnavailable : DecideOwn(entries[i], verdict);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ReasonCode DecideOwn(EntryFacts e, in PatientVerdict v)
    {
        if ((uint)e.Kind - 1 > (uint)EntryKind.Coded - 1
            || (uint)e.Status - 1 > (uint)EntryStatus.Unfiled - 1
            || !e.RecordedDate.IsValid
            || e.RecordedDate.Value > v.Today)
        {
            return ReasonCode.DecisionUnavailable;
        }

        if (v.Reason != ReasonCode.Visible)
        {
            return v.Reason;
        }

        var recorded = e.RecordedDate.Value;
        if (recorded < v.AccessStart && v.HistoricFrom > recorded)
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

        return !e.Released && HasSensitiveLabel(e.Labels) ? ReasonCode.EntrySensitive : ReasonCode.Visible;
    }

    private static bool HasSensitiveLabel(IReadOnlyList<string> labels)
    {
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
    /// Final answers in linear time: walks each unresolved chain up to a resolved entry or a root,
    /// marking a cycle's members invalid, then settles the walked path from the top down.
    /// </summary>
    private static void ResolveParents(int n, Scratch s)
    {
        for (var start = 0; start < n; start++)
        {
            if (s.State[start] == Done)
            {
                continue;
            }

            var depth = 0;
            var cur = start;
            while (cur >= 0 && s.State[cur] == Unvisited)
            {
                s.State[cur] = OnPath;
                s.Path[depth++] = cur;
                cur = s.Parent[cur];
            }

            if (cur >= 0 && s.State[cur] == OnPath)
            {
                // The chain came back to an entry on this path: everything from there up is a cycle.
                do
                {
                    var member = s.Path[--depth];
                    s.Final[member] = ReasonCode.DecisionUnavailable;
                    s.State[member] = Done;
                }
                while (s.Path[depth] != cur);
            }

            while (depth > 0)
            {
                var i = s.Path[--depth];
                var own = s.Own[i];
                var parent = s.Parent[i];
                s.Final[i] = own != ReasonCode.Visible ? own
                    : parent >= 0 && s.Final[parent] != ReasonCode.Visible ? ReasonCode.ParentWithheld
                    : ReasonCode.Visible;
                s.State[i] = Done;
            }
        }
    }

    /// <summary>Per-thread buffers, grown as needed and reused, so that deciding allocates nothing per entry.</summary>
    private sealed class Scratch
    {
        private const int KeepIndexUpTo = 1 << 16;

        public Dictionary<string, int> Index { get; private set; } = new(StringComparer.Ordinal);

        public int[] Parent { get; private set; } = [];

        public int[] Path { get; private set; } = [];

        public bool[] Invalid { get; private set; } = [];

        public byte[] State { get; private set; } = [];

        public ReasonCode[] Own { get; private set; } = [];

        public ReasonCode[] Final { get; private set; } = [];

        private int _used;

        public void Prepare(int n)
        {
            if (Parent.Length < n)
            {
                var size = Math.Max(n, Parent.Length * 2);
                Parent = new int[size];
                Path = new int[size];
                Invalid = new bool[size];
                State = new byte[size];
                Own = new ReasonCode[size];
                Final = new ReasonCode[size];
            }

            Index.EnsureCapacity(n);
            _used = n;
        }

        public void Release()
        {
            Array.Clear(Invalid, 0, _used);
            Array.Clear(State, 0, _used);
            if (Index.Count > KeepIndexUpTo)
            {
                // A rare huge request must not make every later small request pay to clear a huge table.
                Index = new Dictionary<string, int>(StringComparer.Ordinal);
            }
            else
            {
                Index.Clear();
            }

            _used = 0;
        }
    }
}
