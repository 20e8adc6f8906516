using Google.Protobuf.Collections;
using RecordAccess.Core.Model;
using RecordAccess.Server.Contracts.V1;
using CoreKind = RecordAccess.Core.Model.EntryKind;
using CoreStatus = RecordAccess.Core.Model.EntryStatus;
using WireKind = RecordAccess.Server.Contracts.V1.EntryKind;
using WireStatus = RecordAccess.Server.Contracts.V1.EntryStatus;

namespace RecordAccess.Server.Gate;

/// <summary>
/// Proto messages to Core facts and back, at the edge. Nothing is judged here: an empty or unparseable date, an
/// unknown kind or status, an empty parent id all reach the engine as they came, and it applies rule 0 (D1), exactly
/// as for a conformance case (dates go through <see cref="InputDate.Parse"/>, as the case reader does).
/// </summary>
internal static class GateMapper
{
    /// <summary>The engine's input, straight from the parsed message: one array of exactly the entries' length, no list around it.</summary>
    public static EntryFacts[] ToCore(RepeatedField<Entry> entries)
    {
        var facts = new EntryFacts[entries.Count];
        for (var i = 0; i < facts.Length; i++)
        {
            facts[i] = ToCore(entries[i]);
        }

        return facts;
    }

    public static EntryFacts ToCore(Entry entry) => new()
    {
        Id = entry.Id,
        RecordedDate = Date(entry.RecordedDate),
        Kind = ToCore(entry.Kind),
        Status = ToCore(entry.Status),
        Redacted = entry.Redacted,

        // RepeatedField is an IReadOnlyList: no copy.
        Labels = entry.Labels.Count == 0 ? [] : entry.Labels,
        Released = entry.Released,

        // The StringValue wrapper keeps "absent" (null: no parent) apart from "" (a reference to nothing: invalid, D5).
        ParentId = entry.ParentId,

        // The wrapper keeps "absent" (null: no code) apart from "" (present and not a concept id: rule 0), as for parents.
        Code = entry.Code,
    };

    /// <summary>A proto date string: empty is absent (proto3 has no null string), anything else is read strictly.</summary>
    public static InputDate Date(string text) => InputDate.Parse(text.Length == 0 ? null : text);

    /// <summary>The values 1..6 match Core's enum; UNSPECIFIED and values this server does not know are Unknown (rule 0).</summary>
    public static CoreKind ToCore(WireKind kind) =>
        kind is >= WireKind.Consultation and <= WireKind.Coded ? (CoreKind)(int)kind : CoreKind.Unknown;

    public static CoreStatus ToCore(WireStatus status) =>
        status is >= WireStatus.Final and <= WireStatus.Unfiled ? (CoreStatus)(int)status : CoreStatus.Unknown;

    /// <summary>Reason values are the rule numbers on both sides (types.proto, ReasonCode).</summary>
    public static EntryDecision ToWire(Decision decision) => new()
    {
        EntryId = decision.EntryId,
        Visible = decision.Visible,
        Reason = (Reason)(int)decision.Reason,
    };

    public static void AddTo(RepeatedField<EntryDecision> target, IReadOnlyList<Decision> decisions, int start, int count)
    {
        target.Capacity = target.Count + count;
        for (var i = start; i < start + count; i++)
        {
            target.Add(ToWire(decisions[i]));
        }
    }
}
