using System.Buffers.Binary;
using System.IO.Hashing;
using Google.Protobuf;
using RecordAccess.Core.Model;
using RecordAccess.Core.Policy.Audit;
using RecordAccess.Storage.Audit.V1;

namespace RecordAccess.Storage.Audit;

/// <summary>
/// The compact audit payload (decision 0108): the replay facts of one <see cref="DecisionAuditRecord"/> as a
/// protobuf message (<c>audit_payload.proto</c>) behind a 9-byte header: format, message length, CRC-32 of the message.
/// Decoding checks all three and the message's own consistency; anything wrong is an <see cref="AuditRecordCorruptException"/>,
/// never an answer.
/// </summary>
internal static class AuditPayloadCodec
{
    /// <summary>The format byte of a protobuf <c>AuditPayload</c> message.</summary>
    public const byte Format1 = 1;

    /// <summary>Format byte, message length, CRC-32.</summary>
    public const int HeaderLength = 9;

    private const int MaxEnumByte = 255;

    /// <summary>The attention marker of a record: 1 = a DecisionUnavailable answer, 2 = a shadow difference; null when neither.</summary>
    /// <param name="record">The record.</param>
    public static int? Attention(DecisionAuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var marker = (record.HasUnavailable ? 1 : 0) | (record.ShadowDifferences is { Count: > 0 } ? 2 : 0);
        return marker == 0 ? null : marker;
    }

    /// <summary>Encodes the replay facts and answers of <paramref name="record"/>.</summary>
    /// <param name="record">The record.</param>
    public static byte[] Encode(DecisionAuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var message = ToMessage(record);
        var length = message.CalculateSize();
        var bytes = new byte[HeaderLength + length];
        var body = bytes.AsSpan(HeaderLength);
        message.WriteTo(body);
        bytes[0] = Format1;
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(1, 4), length);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(5, 4), Crc32.HashToUInt32(body));
        return bytes;
    }

    /// <summary>
    /// The record whose columns are <paramref name="header"/> with the decisions and replay facts of <paramref name="payload"/>.
    /// </summary>
    /// <param name="header">The record as the row's columns give it (its decisions are replaced).</param>
    /// <param name="payload">The stored payload.</param>
    /// <exception cref="AuditRecordCorruptException">The payload does not check.</exception>
    public static DecisionAuditRecord Decode(DecisionAuditRecord header, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(header);
        try
        {
            return Read(header, payload);
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or CorruptPayload or OverflowException)
        {
            throw new AuditRecordCorruptException($"The audit payload of decision {header.DecisionId} is corrupt: {e.Message}", e) { DecisionId = header.DecisionId };
        }
    }

    private static DecisionAuditRecord Read(DecisionAuditRecord header, ReadOnlySpan<byte> payload)
    {
        if (payload.Length < HeaderLength)
        {
            throw new CorruptPayload($"{payload.Length} bytes is shorter than the header");
        }

        if (payload[0] != Format1)
        {
            throw new CorruptPayload($"unknown format {payload[0]}");
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(payload.Slice(1, 4));
        var body = payload[HeaderLength..];
        if (length != body.Length)
        {
            throw new CorruptPayload($"the header gives {length} bytes, the payload holds {body.Length}");
        }

        if (BinaryPrimitives.ReadUInt32LittleEndian(payload.Slice(5, 4)) != Crc32.HashToUInt32(body))
        {
            throw new CorruptPayload("the checksum does not match");
        }

        var m = AuditPayload.Parser.ParseFrom(body);
        var entries = m.HasEntries ? ReadEntries(m) : null;
        var decisions = ReadDecisions(m, entries);
        List<Decision>? shadow = null;
        if (m.HasShadow)
        {
            shadow = new List<Decision>(m.ShadowDifferences.Count);
            foreach (var d in m.ShadowDifferences)
            {
                shadow.Add(new Decision(d.EntryId, Reason(d.Reason), RuleSetOf(d.RuleSet)));
            }
        }
        else if (m.ShadowDifferences.Count > 0)
        {
            throw new CorruptPayload("shadow differences without a shadow");
        }

        return header with
        {
            Decisions = decisions,
            Entries = entries,
            EvaluationDate = m.EvaluationDate is { } date ? DateOf(date.State, date.DayNumber) : null,
            ShadowDifferences = shadow,
            PracticeOds = m.HasPracticeOds ? m.PracticeOds : null,
        };
    }

    private static AuditPayload ToMessage(DecisionAuditRecord record)
    {
        var m = new AuditPayload();
        var evaluationDay = 0;
        if (record.EvaluationDate is { } evaluation)
        {
            m.EvaluationDate = new DateValue { State = (uint)evaluation.State, DayNumber = evaluation.IsValid ? evaluation.Value.DayNumber : 0 };
            evaluationDay = evaluation.IsValid ? evaluation.Value.DayNumber : 0;
        }

        if (record.PracticeOds is { } ods)
        {
            m.PracticeOds = ods;
        }

        var entries = record.Entries;
        if (entries is not null)
        {
            m.HasEntries = true;
            var count = entries.Count;
            var kinds = new byte[count];
            var statuses = new byte[count];
            var marks = new byte[count];
            var previousDay = evaluationDay;
            for (var i = 0; i < count; i++)
            {
                var e = entries[i];
                m.EntryIds.Add(e.Id);
                kinds[i] = (byte)e.Kind;
                statuses[i] = (byte)e.Status;
                marks[i] = (byte)((e.Redacted ? 1 : 0) | (e.Released ? 2 : 0) | ((int)e.RecordedDate.State << 2));
                if (e.RecordedDate.IsValid)
                {
                    var day = e.RecordedDate.Value.DayNumber;
                    m.EntryRecordedDays.Add(day - previousDay);
                    previousDay = day;
                }

                if (e.Labels.Count > 0 || e.ParentId is not null || e.Code is not null)
                {
                    var extra = new EntryExtra { Index = (uint)i };
                    extra.Labels.AddRange(e.Labels);
                    if (e.ParentId is { } parent)
                    {
                        extra.ParentId = parent;
                    }

                    if (e.Code is { } code)
                    {
                        extra.Code = code;
                    }

                    m.EntryExtras.Add(extra);
                }
            }

            m.EntryKinds = UnsafeByteOperations.UnsafeWrap(kinds);
            m.EntryStatuses = UnsafeByteOperations.UnsafeWrap(statuses);
            m.EntryMarks = UnsafeByteOperations.UnsafeWrap(marks);
        }

        var decisions = record.Decisions;
        m.DecisionsFollowEntries = entries is not null && Follow(decisions, entries);
        var reasons = new byte[decisions.Count];
        var ruleSet = decisions.Count > 0 ? decisions[0].RuleSet : RuleSetVersion.V2025_1;
        var mixed = false;
        for (var i = 0; i < decisions.Count; i++)
        {
            reasons[i] = (byte)decisions[i].Reason;
            mixed |= decisions[i].RuleSet != ruleSet;
            if (!m.DecisionsFollowEntries)
            {
                m.DecisionIds.Add(decisions[i].EntryId);
            }
        }

        m.DecisionReasons = UnsafeByteOperations.UnsafeWrap(reasons);
        m.DecisionRuleSet = (uint)ruleSet;
        if (mixed)
        {
            var sets = new byte[decisions.Count];
            for (var i = 0; i < decisions.Count; i++)
            {
                sets[i] = (byte)decisions[i].RuleSet;
            }

            m.DecisionRuleSets = UnsafeByteOperations.UnsafeWrap(sets);
        }

        if (record.ShadowDifferences is { } shadow)
        {
            m.HasShadow = true;
            foreach (var d in shadow)
            {
                m.ShadowDifferences.Add(new ShadowDifference { EntryId = d.EntryId, Reason = (uint)d.Reason, RuleSet = (uint)d.RuleSet });
            }
        }

        return m;
    }

    private static bool Follow(IReadOnlyList<Decision> decisions, IReadOnlyList<EntryFacts> entries)
    {
        if (decisions.Count != entries.Count)
        {
            return false;
        }

        for (var i = 0; i < decisions.Count; i++)
        {
            if (!string.Equals(decisions[i].EntryId, entries[i].Id, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static EntryFacts[] ReadEntries(AuditPayload m)
    {
        var count = m.EntryIds.Count;
        if (m.EntryKinds.Length != count || m.EntryStatuses.Length != count || m.EntryMarks.Length != count)
        {
            throw new CorruptPayload($"{count} entry ids but {m.EntryKinds.Length} kinds, {m.EntryStatuses.Length} statuses, {m.EntryMarks.Length} marks");
        }

        var kinds = m.EntryKinds.Span;
        var statuses = m.EntryStatuses.Span;
        var marks = m.EntryMarks.Span;
        var previousDay = m.EvaluationDate is { State: (uint)InputDateState.Valid } e ? e.DayNumber : 0;
        var dayIndex = 0;
        var extraIndex = 0;
        var entries = new EntryFacts[count];
        for (var i = 0; i < count; i++)
        {
            var mark = marks[i];
            if (mark > 0b1111)
            {
                throw new CorruptPayload($"entry {i} has unknown marks {mark}");
            }

            var dateState = (InputDateState)(mark >> 2);
            InputDate recorded;
            switch (dateState)
            {
                case InputDateState.Valid:
                    if (dayIndex >= m.EntryRecordedDays.Count)
                    {
                        throw new CorruptPayload("fewer recorded dates than entries with one");
                    }

                    previousDay = checked(previousDay + m.EntryRecordedDays[dayIndex++]);
                    recorded = DateOf((uint)InputDateState.Valid, previousDay);
                    break;
                case InputDateState.Invalid:
                    recorded = InputDate.Invalid;
                    break;
                case InputDateState.Absent:
                    recorded = InputDate.Absent;
                    break;
                default:
                    throw new CorruptPayload($"entry {i} has an unknown recorded date state");
            }

            IReadOnlyList<string> labels = [];
            string? parent = null;
            string? code = null;
            if (extraIndex < m.EntryExtras.Count && m.EntryExtras[extraIndex].Index == i)
            {
                var x = m.EntryExtras[extraIndex++];
                labels = x.Labels.Count == 0 ? [] : [.. x.Labels];
                parent = x.HasParentId ? x.ParentId : null;
                code = x.HasCode ? x.Code : null;
            }

            entries[i] = new EntryFacts
            {
                Id = m.EntryIds[i],
                RecordedDate = recorded,
                Kind = (EntryKind)kinds[i],
                Status = (EntryStatus)statuses[i],
                Redacted = (mark & 1) != 0,
                Released = (mark & 2) != 0,
                Labels = labels,
                ParentId = parent,
                Code = code,
            };
        }

        if (dayIndex != m.EntryRecordedDays.Count)
        {
            throw new CorruptPayload("more recorded dates than entries with one");
        }

        if (extraIndex != m.EntryExtras.Count)
        {
            throw new CorruptPayload("entry extras out of order or beyond the entries");
        }

        return entries;
    }

    private static Decision[] ReadDecisions(AuditPayload m, EntryFacts[]? entries)
    {
        var follow = m.DecisionsFollowEntries;
        if (follow && (entries is null || m.DecisionIds.Count != 0))
        {
            throw new CorruptPayload("decisions follow entries that are not there");
        }

        var count = follow ? entries!.Length : m.DecisionIds.Count;
        if (m.DecisionReasons.Length != count)
        {
            throw new CorruptPayload($"{count} decisions but {m.DecisionReasons.Length} reasons");
        }

        if (m.DecisionRuleSets.Length != 0 && m.DecisionRuleSets.Length != count)
        {
            throw new CorruptPayload($"{count} decisions but {m.DecisionRuleSets.Length} rule sets");
        }

        var reasons = m.DecisionReasons.Span;
        var sets = m.DecisionRuleSets.Span;
        var ruleSet = RuleSetOf(m.DecisionRuleSet);
        var decisions = new Decision[count];
        for (var i = 0; i < count; i++)
        {
            var id = follow ? entries![i].Id : m.DecisionIds[i];
            decisions[i] = new Decision(id, Reason(reasons[i]), sets.Length == 0 ? ruleSet : RuleSetOf(sets[i]));
        }

        return decisions;
    }

    private static ReasonCode Reason(uint value) =>
        value <= MaxEnumByte && Enum.IsDefined((ReasonCode)(byte)value) ? (ReasonCode)(byte)value : throw new CorruptPayload($"unknown reason {value}");

    private static RuleSetVersion RuleSetOf(uint value) =>
        value <= int.MaxValue && Enum.IsDefined((RuleSetVersion)(int)value) ? (RuleSetVersion)(int)value : throw new CorruptPayload($"unknown rule set {value}");

    private static InputDate DateOf(uint state, int dayNumber) => state switch
    {
        (uint)InputDateState.Absent => InputDate.Absent,
        (uint)InputDateState.Invalid => InputDate.Invalid,
        (uint)InputDateState.Valid when dayNumber >= DateOnly.MinValue.DayNumber && dayNumber <= DateOnly.MaxValue.DayNumber => InputDate.Of(DateOnly.FromDayNumber(dayNumber)),
        _ => throw new CorruptPayload($"unknown date (state {state}, day {dayNumber})"),
    };

    /// <summary>A payload that parsed but does not check.</summary>
    private sealed class CorruptPayload(string message) : Exception(message);
}
