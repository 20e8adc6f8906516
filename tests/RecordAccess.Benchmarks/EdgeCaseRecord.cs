using RecordAccess.Core.Model;

namespace RecordAccess.Benchmarks;

/// <summary>
/// Deterministic adversarial requests for the differential check: every rule's edges (birthdays and
/// 29 February, codes and grants on the same day, entries exactly on the access start, historic
/// grants), and bad input (invalid request fields, empty and duplicate ids, unknown kinds and
/// statuses, future and unreadable dates, missing parents, self-parents, cycles, long chains).
/// </summary>
internal sealed class EdgeCaseRecord
{
    private static readonly string[] LabelPool = ["R", "V", "NOPAT", "SDV", "r", "v", "nopat", "N", "", "SDV ", "RV"];
    private static readonly string[] CodePool = ["1290331000000103", "1364731000000104", "1364751000000106", "38341003"];

    private readonly Random _random;
    private readonly DateOnly _today;
    private readonly DateOnly _switchOn;

    private EdgeCaseRecord(int seed)
    {
        _random = new Random(seed);
        _today = new DateOnly(2023, 6, 1).AddDays(_random.Next(900));
        _switchOn = Around(_today, 300);
    }

    /// <summary>The adversarial request for <paramref name="seed"/>.</summary>
    public static DecisionRequest Create(int seed) => new EdgeCaseRecord(seed).Build();

    private DecisionRequest Build()
    {
        var patient = Patient(out var today);
        DateOnly[] pivots =
        [
            _switchOn, today,
            .. new[] { patient.RegistrationDate, patient.IndividualStartDate, patient.HistoricFromDate }.Where(d => d.IsValid).Select(d => d.Value),
        ];
        return new DecisionRequest
        {
            EvaluationDate = Date(today, 1),
            NationalPause = Chance(3),
            Practice = Chance(1) ? null : new PracticeFacts
            {
                Ods = Chance(1) ? "a81001" : "A81001",
                SwitchOnDate = Date(_switchOn, 1),
                OptedOut = Chance(12),
            },
            Patient = Chance(1) ? null : patient,
            Entries = Entries(today, pivots),
        };
    }

    private PatientFacts Patient(out DateOnly today)
    {
        today = _today;
        DateOnly born;
        if (Chance(5))
        {
            // 29 February births evaluated around the 28 February / 1 March of some later year.
            born = new DateOnly(1992 + (4 * _random.Next(6)), 2, 29);
            today = new DateOnly(born.Year + 15 + _random.Next(3), 2, 27).AddDays(_random.Next(4));
        }
        else
        {
            born = Chance(30) ? today.AddYears(-16).AddDays(_random.Next(-2, 3)) : today.AddDays(-_random.Next(365 * 90));
        }

        var codes = new List<PatientCode>();
        for (var i = _random.Next(4); i > 0; i--)
        {
            var code = Chance(1) ? "1364731000000105" : CodePool[_random.Next(CodePool.Length)];
            codes.Add(new PatientCode(code, Date(Around(_switchOn, 3), 1)));
        }

        return new PatientFacts
        {
            NhsNumber = _random.Next(100) switch { 0 => "9434765918", 1 => "943 476 5919", _ => "9434765919" },
            DateOfBirth = Date(born, 1),
            RegistrationDate = Date(Chance(50) ? Around(_switchOn, 5) : Around(_switchOn, 2000), 1),
            IndividualStartDate = Chance(15) ? Date(Around(_switchOn, 5), 1) : InputDate.Absent,
            IndividualGrantDate = Chance(35) ? Date(Around(_switchOn, 3), 1) : InputDate.Absent,
            HistoricFromDate = Chance(20) ? Date(Around(_switchOn, 400), 1) : InputDate.Absent,
            Codes = codes,
            Restricted = Chance(5),
            SafeguardingFlag = Chance(5),
        };
    }

    private EntryFacts[] Entries(DateOnly today, DateOnly[] pivots)
    {
        var count = Chance(5) ? _random.Next(150, 300) : _random.Next(60);
        var ids = new string[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = _random.Next(100) switch
            {
                0 => string.Empty,
                < 4 when i > 0 => ids[_random.Next(i)],
                _ => $"entry-{i}-{_random.Next(1_000_000):x}",
            };
        }

        var parents = new string?[count];
        for (var i = 0; i < count; i++)
        {
            parents[i] = _random.Next(100) switch
            {
                0 => "missing-parent",
                1 => string.Empty,
                2 => ids[i],
                < 48 when count > 1 => ids[_random.Next(count)],
                < 55 when i > 0 => ids[i - 1],
                _ => null,
            };
        }

        if (count > 3 && Chance(10))
        {
            // A cycle of 2 to 5 entries somewhere in the record.
            var start = _random.Next(count - 1);
            var end = Math.Min(count - 1, start + 1 + _random.Next(4));
            for (var i = start; i < end; i++)
            {
                parents[i] = ids[i + 1];
            }

            parents[end] = ids[start];
        }

        return [.. Enumerable.Range(0, count).Select(i => Entry(ids[i], parents[i], today, pivots))];
    }

    private EntryFacts Entry(string id, string? parentId, DateOnly today, DateOnly[] pivots)
    {
        var recorded = _random.Next(100) switch
        {
            0 => InputDate.Invalid,
            1 => InputDate.Absent,
            2 => InputDate.Of(today.AddDays(1)),
            _ => InputDate.Of(Around(pivots[_random.Next(pivots.Length)], 2)),
        };
        var labels = new List<string>();
        for (var n = Chance(60) ? 0 : _random.Next(1, 3); n > 0; n--)
        {
            labels.Add(LabelPool[_random.Next(LabelPool.Length)]);
        }

        return new EntryFacts
        {
            Id = id,
            RecordedDate = recorded.IsValid && recorded.Value > today && !Chance(20) ? InputDate.Of(today) : recorded,
            Kind = _random.Next(100) switch { 0 => EntryKind.Unknown, 1 => (EntryKind)7, _ => (EntryKind)_random.Next(1, 7) },
            Status = _random.Next(100) switch { 0 => EntryStatus.Unknown, 1 => (EntryStatus)5, < 70 => EntryStatus.Final, _ => (EntryStatus)_random.Next(2, 5) },
            Redacted = Chance(8),
            Labels = Chance(50) ? labels : [.. labels],
            Released = Chance(30),
            ParentId = parentId,
        };
    }

    private bool Chance(int percent) => _random.Next(100) < percent;

    private DateOnly Around(DateOnly pivot, int days) => pivot.AddDays(_random.Next(-days, days + 1));

    /// <summary>A valid date, or with <paramref name="badPercent"/>% each an unreadable or an absent one.</summary>
    private InputDate Date(DateOnly date, int badPercent)
    {
        var roll = _random.Next(100);
        return roll < badPercent ? InputDate.Invalid : roll < 2 * badPercent ? InputDate.Absent : InputDate.Of(date);
    }
}
