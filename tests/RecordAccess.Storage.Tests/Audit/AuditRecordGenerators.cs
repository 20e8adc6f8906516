using FsCheck;
using FsCheck.Fluent;
using RecordAccess.Core.Model;
using RecordAccess.Core.Policy.Audit;

namespace RecordAccess.Storage.Tests.Audit;

/// <summary>
/// Random decision audit records for the round-trip properties: every field in its full range (any enum byte, null and
/// empty strings apart, any Unicode text, dates from DateOnly.MinValue to MaxValue, absent/invalid dates), records
/// written before the compact format had them (null replay facts) and records of every gate path (one decision per
/// entry, one decision of many entries, no entries).
/// </summary>
internal static class AuditRecordGenerators
{
    private static readonly string[] Words = ["e1", "e2", "doc-7", "", " ", "ü-é", "😀", "R", "NOPAT", "SDV", "1364731000000104", "emis:0001-abc", "\0", "a\"b\\c"];

    public static Gen<DecisionAuditRecord> Record { get; } =
        from idBytes in Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), 16)
        from millis in Gen.Choose(0, int.MaxValue)
        from offsetHours in Gen.Elements(0, 0, 0, 1, -5)
        from caller in ColumnText()
        from nhs in ColumnText()
        from version in Gen.Choose(0, int.MaxValue).Select(v => (long)v * 3)
        from ruleSet in Gen.Elements(RuleSet.Version, RuleSet.PreviousVersion, "2024.1+future-dated-codes-wait")
        from flags in ColumnText().Select(t => t.Length % 4 == 1 ? null : (string?)t)
        from entries in Gen.Frequency((1, Gen.Constant<EntryFacts[]?>(null)), (6, Entries().Select(e => (EntryFacts[]?)e)))
        from shape in Gen.Choose(0, 3)
        from decisionRuleSet in Gen.Elements(RuleSetVersion.V2025_1, RuleSetVersion.V2024_1)
        from mixed in Gen.Choose(0, 9)
        from reasons in Gen.ArrayOf(Reason(), Math.Max(entries?.Length ?? 0, 3))
        from otherIds in Gen.ArrayOf(Text(), 2)
        from evaluation in Gen.Frequency((1, Gen.Constant<InputDate?>(null)), (8, Date().Select(d => (InputDate?)d)))
        from shadow in Gen.Frequency((2, Gen.Constant<Decision[]?>(null)), (1, Gen.Choose(0, 3).SelectMany(n => Gen.ArrayOf(Decision(), n)).Select(d => (Decision[]?)d)))
        from ods in ColumnText().Select(t => t.Length % 3 == 1 ? null : (string?)t)
        select Build(new Guid(idBytes), millis, offsetHours, caller, nhs, version, ruleSet, flags, entries, shape, decisionRuleSet, mixed == 0, reasons, otherIds, evaluation, shadow, ods);

    public static Arbitrary<DecisionAuditRecord> Records { get; } = Arb.From(Record);

    private static DecisionAuditRecord Build(
        Guid id, int millis, int offsetHours, string caller, string nhs, long version, string ruleSet, string? flags, EntryFacts[]? entries, int shape,
        RuleSetVersion decisionRuleSet, bool mixed, ReasonCode[] reasons, string[] otherIds, InputDate? evaluation, Decision[]? shadow, string? ods)
    {
        // Microseconds: PostgreSQL's timestamptz keeps no finer (as for every audit row before this format).
        var at = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMilliseconds(millis).AddTicks(millis % 1000 * 10).ToOffset(TimeSpan.FromHours(offsetHours));
        RuleSetVersion Set(int i) => mixed && i % 2 == 1 ? RuleSetVersion.V2024_1 : decisionRuleSet;
        Decision[] decisions = shape switch
        {
            // The normal request: one decision per entry with its id.
            0 or 1 when entries is not null => [.. entries.Select((e, i) => new Decision(e.Id, reasons[i], Set(i)))],

            // Explain: one decision among the entries; patient access: one decision with the patient-level id.
            2 => [new Decision(entries is { Length: > 0 } ? entries[^1].Id : "$patient-access", reasons[0], Set(0))],
            _ => [.. otherIds.Select((x, i) => new Decision(x, reasons[i], Set(i)))],
        };

        return new DecisionAuditRecord(id, at, caller, nhs, version, ruleSet, decisions, flags)
        {
            Entries = entries,
            EvaluationDate = evaluation,
            ShadowDifferences = shadow,
            PracticeOds = ods,
        };
    }

    /// <summary>
    /// Any text a caller can send: well-formed UTF-16 (gRPC and FHIR JSON cannot carry a lone surrogate, and protobuf
    /// strings are UTF-8 like the JSON before them).
    /// </summary>
    private static Gen<string> Text() => Gen.Frequency(
        (4, Gen.Elements(Words)),
        (1, ArbMap.Default.GeneratorFor<NonNull<string>>().Select(s => s.Get).Where(WellFormed)));

    /// <summary>Text for a text column (PostgreSQL text holds no NUL character; the payload does).</summary>
    private static Gen<string> ColumnText() => Text().Where(t => !t.Contains('\0', StringComparison.Ordinal));

    private static bool WellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static Gen<ReasonCode> Reason() => Gen.Elements(Enum.GetValues<ReasonCode>());

    private static Gen<Decision> Decision() =>
        from id in Text()
        from reason in Reason()
        from set in Gen.Elements(RuleSetVersion.V2025_1, RuleSetVersion.V2024_1)
        select new Decision(id, reason, set);

    private static Gen<InputDate> Date() => Gen.Frequency(
        (1, Gen.Elements(InputDate.Absent, InputDate.Invalid, InputDate.Of(DateOnly.MinValue), InputDate.Of(DateOnly.MaxValue))),
        (6, Gen.Choose(-4000, 400).Select(d => InputDate.Of(new DateOnly(2024, 6, 15).AddDays(d)))),
        (1, Gen.Choose(DateOnly.MinValue.DayNumber, DateOnly.MaxValue.DayNumber).Select(d => InputDate.Of(DateOnly.FromDayNumber(d)))));

    private static Gen<EntryFacts[]> Entries() => Gen.Choose(0, 40).SelectMany(n => Gen.ArrayOf(Entry(), n));

    private static Gen<EntryFacts> Entry() =>
        from id in Text()
        from recorded in Date()
        from kind in Gen.Frequency((8, Gen.Elements(Enum.GetValues<EntryKind>())), (1, Gen.Choose(0, 255).Select(b => (EntryKind)b)))
        from status in Gen.Frequency((8, Gen.Elements(Enum.GetValues<EntryStatus>())), (1, Gen.Choose(0, 255).Select(b => (EntryStatus)b)))
        from redacted in ArbMap.Default.GeneratorFor<bool>()
        from released in ArbMap.Default.GeneratorFor<bool>()
        from labels in Gen.Frequency((3, Gen.Constant(Array.Empty<string>())), (1, Gen.Choose(1, 3).SelectMany(k => Gen.ArrayOf(Text(), k))))
        from parent in Gen.Frequency((3, Gen.Constant<string?>(null)), (1, Text().Select(s => (string?)s)))
        from code in Gen.Frequency((3, Gen.Constant<string?>(null)), (1, Text().Select(s => (string?)s)))
        select new EntryFacts
        {
            Id = id,
            RecordedDate = recorded,
            Kind = kind,
            Status = status,
            Redacted = redacted,
            Released = released,
            Labels = labels,
            ParentId = parent,
            Code = code,
        };

    /// <summary>
    /// Structural equality of two records (records compare their lists by reference): every column, every answer,
    /// every replay fact. Returns the first difference, or null.
    /// </summary>
    public static string? Difference(DecisionAuditRecord expected, DecisionAuditRecord actual)
    {
        if (expected.DecisionId != actual.DecisionId || expected.RecordedAt != actual.RecordedAt || expected.Caller != actual.Caller
            || expected.NhsNumber != actual.NhsNumber || expected.StateVersion != actual.StateVersion || expected.RuleSetVersion != actual.RuleSetVersion
            || expected.Flags != actual.Flags || expected.PracticeOds != actual.PracticeOds || expected.EvaluationDate != actual.EvaluationDate)
        {
            return $"columns: {expected with { Decisions = [] }} vs {actual with { Decisions = [] }}";
        }

        if (!expected.Decisions.SequenceEqual(actual.Decisions))
        {
            return "decisions";
        }

        if ((expected.ShadowDifferences is null) != (actual.ShadowDifferences is null)
            || (expected.ShadowDifferences is { } s && !s.SequenceEqual(actual.ShadowDifferences!)))
        {
            return "shadow differences";
        }

        if ((expected.Entries is null) != (actual.Entries is null))
        {
            return "entries null";
        }

        if (expected.Entries is { } entries)
        {
            if (entries.Count != actual.Entries!.Count)
            {
                return "entry count";
            }

            for (var i = 0; i < entries.Count; i++)
            {
                var (e, a) = (entries[i], actual.Entries[i]);
                if (e.Id != a.Id || e.RecordedDate != a.RecordedDate || e.Kind != a.Kind || e.Status != a.Status || e.Redacted != a.Redacted
                    || e.Released != a.Released || e.ParentId != a.ParentId || e.Code != a.Code || !e.Labels.SequenceEqual(a.Labels))
                {
                    return $"entry {i}: {e} vs {a}";
                }
            }
        }

        return null;
    }
}
