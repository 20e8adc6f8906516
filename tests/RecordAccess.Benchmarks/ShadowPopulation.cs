using System.Globalization;
using RecordAccess.Core.Engine;
using RecordAccess.Core.Model;

namespace RecordAccess.Benchmarks;

/// <summary>
/// What rule set 2025.1 would change, measured as the gate's shadow mode counts it (entries decided differently by
/// 2024.1 and 2025.1), over a generated population of <see cref="RealisticRecord"/> records whose patients carry the
/// access facts in stated proportions. A GP record holds each access code as an entry of its own, so every patient
/// with a 103, 104 or 106 also has that coded entry among their entries (the case rule 11a is for).
/// </summary>
internal static class ShadowPopulation
{
    private const string Review = "1364731000000104";
    private const string NoReview = "1364751000000106";
    private const string Declined = "1290331000000103";

    /// <summary>The mix: share of patients per profile, in tenths of a percent; the rest have no access fact.</summary>
    private static readonly (string Name, int PerMille)[] Profiles =
    [
        ("104, still in force", 50),
        ("104 then 106 (reviewed)", 30),
        ("103 (declined)", 10),
        ("104, then a 106 dated next month", 5),
        ("opted-out practice, grant dated next month", 5),
    ];

    public static int Run(string[] args)
    {
        var patients = args is [var n] ? int.Parse(n, CultureInfo.InvariantCulture) : 20_000;
        var today = RealisticRecord.Today;
        var differing = new Dictionary<(ReasonCode Old, ReasonCode New), long>();
        var byProfile = new long[Profiles.Length + 1];
        long entries = 0, changedEntries = 0, changedPatients = 0;
        for (var seed = 1; seed <= patients; seed++)
        {
            var profile = ProfileOf(seed);
            var request = Shape(RealisticRecord.Create(100, seed), profile, today);
            var old = DecisionEngine.Evaluate(request with { RuleSet = RuleSetVersion.V2024_1 });
            var now = DecisionEngine.Evaluate(request with { RuleSet = RuleSetVersion.V2025_1 });
            entries += old.Length;
            var changed = 0;
            for (var i = 0; i < old.Length; i++)
            {
                if (old[i].Reason != now[i].Reason)
                {
                    changed++;
                    var key = (old[i].Reason, now[i].Reason);
                    differing[key] = differing.GetValueOrDefault(key) + 1;
                }
            }

            changedEntries += changed;
            changedPatients += changed > 0 ? 1 : 0;
            byProfile[profile] += changed;
        }

        Console.WriteLine($"patients {patients}, entries {entries}, evaluation date {today:yyyy-MM-dd}");
        Console.WriteLine($"entries decided differently (what shadow mode counts): {changedEntries} ({100.0 * changedEntries / entries:F3}%), in {changedPatients} patients ({100.0 * changedPatients / patients:F2}%)");
        for (var p = 0; p < Profiles.Length; p++)
        {
            Console.WriteLine($"  profile '{Profiles[p].Name}' ({Profiles[p].PerMille / 10.0:F1}% of patients): {byProfile[p]} entries");
        }

        Console.WriteLine($"  patients with no access fact: {byProfile[Profiles.Length]} entries");
        foreach (var ((from, to), count) in differing.OrderByDescending(d => d.Value))
        {
            Console.WriteLine($"  2024.1 {from} -> 2025.1 {to}: {count}");
        }

        return 0;
    }

    /// <summary>The profile of a patient (index into <see cref="Profiles"/>, or its length for none), fixed by the seed.</summary>
    private static int ProfileOf(int seed)
    {
        var roll = (int)((uint)HashCode.Combine(seed, 9_973) % 1000);
        for (var p = 0; p < Profiles.Length; p++)
        {
            if (roll < Profiles[p].PerMille)
            {
                return p;
            }

            roll -= Profiles[p].PerMille;
        }

        return Profiles.Length;
    }

    private static DecisionRequest Shape(DecisionRequest request, int profile, DateOnly today)
    {
        var patient = request.Patient! with { Codes = [] };
        var practice = request.Practice!;
        List<(string Code, DateOnly Date)> codes = profile switch
        {
            0 => [(Review, new(2023, 9, 20))],
            1 => [(Review, new(2023, 9, 20)), (NoReview, new(2023, 12, 4))],
            2 => [(Declined, new(2024, 2, 1))],
            3 => [(Review, new(2023, 9, 20)), (NoReview, today.AddMonths(1))],
            _ => [],
        };
        if (profile == 4)
        {
            practice = practice with { OptedOut = true };
            patient = patient with { IndividualGrantDate = InputDate.Of(today.AddMonths(1)) };
        }

        patient = patient with { Codes = [.. codes.Select(c => new PatientCode(c.Code, InputDate.Of(c.Date)))] };

        // Each code already in force is also an entry of the record, recorded on its date.
        var coded = codes.Where(c => c.Date <= today).Select((c, i) => new EntryFacts
        {
            Id = $"access-code-{i}",
            RecordedDate = InputDate.Of(c.Date),
            Kind = EntryKind.Coded,
            Status = EntryStatus.Final,
            Code = c.Code,
        });
        return request with { Practice = practice, Patient = patient, Entries = [.. request.Entries, .. coded] };
    }
}
