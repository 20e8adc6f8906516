using RecordAccess.Core.Engine;
using RecordAccess.Core.Model;

namespace RecordAccess.Benchmarks;

/// <summary>
/// Deterministic, realistic records: an adult patient at a switched-on practice whose 104 was later
/// overridden by a 106, so that rules 1–7 pass and the per-entry rules 8–12 do the work. The entry
/// mix is documented in README.md (run with <c>--describe</c> to see the resulting counts).
/// </summary>
public static class RealisticRecord
{
    /// <summary>The evaluation date of every generated request.</summary>
    public static readonly DateOnly Today = new(2025, 6, 30);

    /// <summary>The practice's switch-on date (the contract deadline): the access start of the patient.</summary>
    public static readonly DateOnly SwitchOn = new(2023, 10, 31);

    private static readonly DateOnly Registered = new(2009, 4, 14);

    /// <summary>A request for one patient with <paramref name="entryCount"/> entries.</summary>
    /// <param name="entryCount">How many entries the record has.</param>
    /// <param name="seed">The seed: the same seed gives the same record.</param>
    /// <param name="safeguardingFlag">Set the patient's safeguarding flag (rule 7 withholds everything).</param>
    public static DecisionRequest Create(int entryCount, int seed, bool safeguardingFlag = false)
    {
        var request = new DecisionRequest
        {
            EvaluationDate = InputDate.Of(Today),
            Practice = new PracticeFacts { Ods = "A81001", SwitchOnDate = InputDate.Of(SwitchOn) },
            Patient = Patient(safeguardingFlag),
            Entries = Entries(entryCount, new Random(seed)),
        };

        if (RequestValidator.FindProblem(request) is { } problem)
        {
            throw new InvalidOperationException($"The generated request is invalid: {problem}");
        }

        return request;
    }

    /// <summary><paramref name="count"/> different records of <paramref name="entryCount"/> entries each (seeds 1..count).</summary>
    /// <param name="entryCount">How many entries each record has.</param>
    /// <param name="count">How many records.</param>
    /// <param name="safeguardingFlag">Set the patient's safeguarding flag.</param>
    public static DecisionRequest[] CreateMany(int entryCount, int count, bool safeguardingFlag = false) =>
        [.. Enumerable.Range(1, count).Select(seed => Create(entryCount, seed, safeguardingFlag))];

    private static PatientFacts Patient(bool safeguardingFlag) => new()
    {
        NhsNumber = "9434765919",
        DateOfBirth = InputDate.Of(new DateOnly(1971, 3, 12)),
        RegistrationDate = InputDate.Of(Registered),
        // Clinical codes the engine ignores, and a batch-coded 104 overridden by a later 106.
        Codes =
        [
            new("73211009", InputDate.Of(new DateOnly(2012, 5, 1))),          // diabetes mellitus
            new("1364731000000104", InputDate.Of(new DateOnly(2023, 9, 20))), // batch-coded before switch-on
            new("13645005", InputDate.Of(new DateOnly(2019, 2, 7))),          // chronic obstructive lung disease
            new("1364751000000106", InputDate.Of(new DateOnly(2023, 12, 4))), // reviewed: overrides the 104
        ],
        SafeguardingFlag = safeguardingFlag,
    };

    private static EntryFacts[] Entries(int entryCount, Random random)
    {
        var builder = new RecordBuilder(random, entryCount);
        var groups = new List<(DateOnly Date, List<EntryFacts> Entries)>();
        while (builder.Remaining > 0)
        {
            var date = RecordedDate(random);
            groups.Add((date, builder.Group(date)));
        }

        // GP systems send roughly chronological extracts; within a group, a third list children first.
        var entries = new List<EntryFacts>(entryCount);
        foreach (var (_, group) in groups.OrderBy(g => g.Date))
        {
            if (group.Count > 1 && random.Next(3) == 0)
            {
                entries.AddRange(group.Skip(1));
                entries.Add(group[0]);
            }
            else
            {
                entries.AddRange(group);
            }
        }

        // Allocated afresh in request order, as a deserialiser would, so that memory layout is not an
        // artefact of how the generator built the groups.
        return [.. entries.Select(Materialise)];
    }

    private static EntryFacts Materialise(EntryFacts e) => e with
    {
        Id = new string(e.Id.AsSpan()),
        Labels = e.Labels.Count == 0 ? [] : [.. e.Labels.Select(label => new string(label.AsSpan()))],
        ParentId = e.ParentId is null ? null : new string(e.ParentId.AsSpan()),
    };

    /// <summary>About 20% of groups are historic (recorded before the switch-on), the rest prospective.</summary>
    private static DateOnly RecordedDate(Random random)
    {
        var (from, to) = random.Next(5) == 0 ? (Registered, SwitchOn.AddDays(-1)) : (SwitchOn, Today);
        return from.AddDays(random.Next(to.DayNumber - from.DayNumber + 1));
    }
}
