using FsCheck;
using FsCheck.Fluent;
using RecordAccess.Core.Model;
using static RecordAccess.Core.Tests.TestRequests;

namespace RecordAccess.Core.Tests;

/// <summary>
/// Request generators tuned so that every rule decides often: dates fall in a narrow window around the
/// evaluation date (so ties, "exactly on" and "one day after" happen all the time), ids come from a small
/// pool (duplicates, missing parents, cycles), and each withholding fact is present in a minority of cases.
/// Codes and grants are often dated after the evaluation date ("in effect", rule set 2025.1); entries sometimes record
/// a code (an online-access code, another concept, an invalid id); about 1 request in 5 asks for rule set 2024.1.
/// </summary>
internal static class Generators
{
    private static readonly DateOnly Today = new(2024, 6, 15);
    private static readonly string[] IdPool = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"];
    private static readonly string[] LabelPool = ["R", "V", "NOPAT", "SDV", "r", "N", "X", "sdv"];

    /// <summary>The three online-access codes (rule 11a).</summary>
    private static readonly string[] AccessCodes = [Declined, ReviewIndicated, ReviewNotIndicated];

    /// <summary>Any request, including invalid ones (about 1 in 12 is invalid as a whole).</summary>
    public static Arbitrary<Generated> Requests { get; } = Arb.From(Request(uniqueIds: false).Select(r => new Generated(r)));

    /// <summary>Valid requests whose entry ids are unique (for the one-by-one property).</summary>
    public static Arbitrary<Generated> UniqueIdRequests { get; } = Arb.From(Request(uniqueIds: true).Select(r => new Generated(r)));

    private static Gen<DateOnly> NearToday(int before, int after) => Gen.Choose(-before, after).Select(Today.AddDays);

    private static Gen<InputDate> Optional(Gen<DateOnly> date, int presentPercent) =>
        Gen.Frequency((100 - presentPercent, Gen.Constant(InputDate.Absent)), (presentPercent, date.Select(InputDate.Of)));

    private static Gen<bool> Chance(int percent) => Gen.Choose(1, 100).Select(x => x <= percent);

    private static Gen<DecisionRequest> Request(bool uniqueIds) =>
        from evaluation in Gen.Frequency((40, Gen.Constant(Today)), (1, Gen.Constant(Today.AddDays(-1))))
        from pause in Chance(4)
        from practice in Practice()
        from patient in Patient()
        from entries in Entries(uniqueIds)
        from breakage in Gen.Choose(0, 119)
        from ruleSet in Gen.Frequency((4, Gen.Constant(RuleSetVersion.V2025_1)), (1, Gen.Constant(RuleSetVersion.V2024_1)))
        select Break(
            new DecisionRequest
            {
                EvaluationDate = InputDate.Of(evaluation), NationalPause = pause, Practice = practice, Patient = patient, Entries = entries, RuleSet = ruleSet,
            },
            uniqueIds ? -1 : breakage);

    /// <summary>Makes about 1 request in 12 invalid as a whole, each way the rule table names.</summary>
    private static DecisionRequest Break(DecisionRequest r, int how) => how switch
    {
        0 => r with { Practice = null },
        1 => r with { Patient = null },
        2 => r with { Patient = r.Patient! with { NhsNumber = "9434765918" } },
        3 => r with { Practice = r.Practice! with { Ods = "a81001" } },
        4 => r with { EvaluationDate = InputDate.Invalid },
        5 => r with { EvaluationDate = InputDate.Absent },
        6 => r with { Patient = r.Patient! with { DateOfBirth = InputDate.Invalid } },
        7 => r with { Patient = r.Patient! with { HistoricFromDate = InputDate.Invalid } },
        8 => r with { Patient = r.Patient! with { Codes = [.. r.Patient.Codes, Code("1364731000000105", "2024-01-01")] } },
        9 => r with { Practice = r.Practice! with { SwitchOnDate = InputDate.Absent } },
        _ => r,
    };

    private static Gen<PracticeFacts> Practice() =>
        from switchOn in Gen.Frequency((6, NearToday(20, 0)), (1, NearToday(0, 3)))
        from optedOut in Chance(8)
        select new PracticeFacts { Ods = "A81001", SwitchOnDate = InputDate.Of(switchOn), OptedOut = optedOut };

    private static Gen<PatientFacts> Patient() =>
        from born in Gen.Frequency(
            (8, Gen.Constant(new DateOnly(1980, 5, 5))),
            (2, NearToday(3, 3).Select(d => d.AddYears(-16))),
            (1, Gen.Elements(new DateOnly(2008, 2, 29), new DateOnly(2084, 2, 29))))
        from registered in NearToday(20, 0)
        from start in Optional(NearToday(20, 0), 25)
        from grant in Optional(NearToday(20, 5), 35)
        from historic in Optional(NearToday(30, 0), 30)
        from codes in Gen.Frequency((4, Gen.Constant(Array.Empty<PatientCode>())), (2, Codes()))
        from restricted in Chance(4)
        from flag in Chance(6)
        select new PatientFacts
        {
            NhsNumber = "9434765919",
            DateOfBirth = InputDate.Of(born),
            RegistrationDate = InputDate.Of(registered),
            IndividualStartDate = start,
            IndividualGrantDate = grant,
            HistoricFromDate = historic,
            Codes = codes,
            Restricted = restricted,
            SafeguardingFlag = flag,
        };

    private static Gen<PatientCode[]> Codes() =>
        Gen.Choose(1, 4).SelectMany(n => Gen.ArrayOf(
            from code in Gen.Frequency(
                (2, Gen.Constant(Declined)),
                (4, Gen.Constant(ReviewIndicated)),
                (4, Gen.Constant(ReviewNotIndicated)),
                (1, Gen.Constant("22298006")))
            from date in NearToday(12, 2)
            select new PatientCode(code, InputDate.Of(date)),
            n));

    private static Gen<EntryFacts[]> Entries(bool uniqueIds) =>
        Gen.Choose(0, 10).SelectMany(n =>
            (uniqueIds ? Unique(n) : Gen.Frequency((3, Unique(n)), (1, Gen.ArrayOf(Id(), n))))
                .SelectMany(ids => Gen.CollectToArray(ids, Entry)));

    /// <summary>
    /// An entry's code: mostly none; an online-access code more often on entries without a parent (on a child it would
    /// decide before rule 12, and parent-withheld answers must stay common), sometimes another concept or an invalid id.
    /// </summary>
    private static Gen<string?> EntryCode(int accessShare) => Gen.Frequency(
        (12, Gen.Constant<string?>(null)),
        (accessShare, Gen.Elements(AccessCodes).Select(c => (string?)c)),
        (1, Gen.Constant<string?>("22298006")),
        (1, Gen.Elements<string?>("1364731000000105", "01364731000000104", "", "104")));

    private static Gen<string[]> Unique(int n) => Gen.Shuffle(IdPool).Select(ids => ids.Take(n).ToArray());

    private static Gen<string> Id() => Gen.Frequency((40, Gen.Elements(IdPool)), (1, Gen.Constant(string.Empty)));

    private static Gen<EntryFacts> Entry(string id) =>
        from recorded in Gen.Frequency(
            (30, NearToday(25, 0).Select(InputDate.Of)),
            (1, NearToday(0, 2).Select(InputDate.Of)),
            (1, Gen.Elements(InputDate.Invalid, InputDate.Absent)))
        from kind in Gen.Frequency((30, Gen.Elements(Enum.GetValues<EntryKind>()[1..])), (1, Gen.Constant(EntryKind.Unknown)))
        from status in Gen.Frequency((8, Gen.Constant(EntryStatus.Final)), (3, Gen.Elements(Enum.GetValues<EntryStatus>())))
        from redacted in Chance(18)
        from labels in Gen.Frequency((1, Gen.Constant(Array.Empty<string>())), (1, Gen.Choose(1, 2).SelectMany(k => Gen.ArrayOf(Gen.Elements(LabelPool), k))))
        from released in Chance(30)
        from parent in Gen.Frequency(
            (8, Gen.Constant<string?>(null)),
            (8, Gen.Elements(IdPool).Select(p => (string?)p)),
            (1, Gen.Elements<string?>("zz", string.Empty)))
        from code in EntryCode(accessShare: parent is null ? 12 : 2)
        select new EntryFacts
        {
            Id = id,
            RecordedDate = recorded,
            Kind = kind,
            Status = status,
            Redacted = redacted,
            Labels = labels,
            Released = released,
            ParentId = parent,
            Code = code,
        };
}
