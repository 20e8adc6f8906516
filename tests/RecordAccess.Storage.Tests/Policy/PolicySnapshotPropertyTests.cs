using System.Text.Json;
using RecordAccess.Core.Policy;
using RecordAccess.Core.Policy.Events;

namespace RecordAccess.Storage.Tests.Policy;

/// <summary>
/// A projection snapshot plus the tail of the log is exactly the full replay (decision 0100), over random histories:
/// every event kind, events for patients never registered, removals of what is absent, moves between practices, and
/// the snapshot cut at every kind of point (empty log, start, middle, end). Each case is a seed, named on failure.
/// </summary>
public sealed class PolicySnapshotPropertyTests
{
    private const int Cases = 400;
    private static readonly string[] Practices = ["A81001", "B82002", "C83003", "D84004"];
    private static readonly string[] Codes = ["1290331000000103", "1364731000000104", "1364751000000106", "999999999"];
    private static readonly string[] Entries = ["e-1", "e-2", "e-3", "entry/with:odd chars é", ""];
    private static readonly string[] FlagIds = ["f-1", "f-2", "f-3"];

    [Fact]
    public void SnapshotPlusTail_EqualsFullReplay_OverRandomHistories()
    {
        for (var seed = 0; seed < Cases; seed++)
        {
            var random = new Random(seed);
            var events = History(random, random.Next(0, seed % 10 == 0 ? 2_000 : 150));
            var cut = random.Next(0, events.Count + 1);
            using var full = PolicyState.Replay(events, contiguous: true);
            using var prefix = PolicyState.Replay(events.Take(cut), contiguous: true);
            var image = PolicySnapshot.Capture(prefix);
            Assert.Equal(cut, image.Version);
            using var restored = PolicySnapshot.Restore(image, events.Count);
            restored.Apply(events.Skip(cut));

            var because = $"seed {seed}, {events.Count} events, snapshot at {cut}";
            Assert.True(Describe(full) == Describe(restored), because);
            Assert.True(Bytes(PolicySnapshot.Capture(full)).SequenceEqual(Bytes(PolicySnapshot.Capture(restored))), because);
        }
    }

    [Fact]
    public void Restore_RefusesEveryDamagedImage()
    {
        var random = new Random(7);
        var events = History(random, 300);
        using var state = PolicyState.Replay(events, contiguous: true);
        var image = PolicySnapshot.Capture(state);

        // Any single flipped byte anywhere (header or body) is refused.
        for (var trial = 0; trial < 200; trial++)
        {
            var parts = image.Parts.Select(p => p.ToArray()).ToArray();
            var part = random.Next(parts.Length);
            parts[part][random.Next(parts[part].Length)] ^= (byte)(1 << random.Next(8));
            Assert.Throws<InvalidDataException>(() => PolicySnapshot.Restore(image with { Parts = parts }, events.Count).Dispose());
        }

        // A missing or extra part, an empty image, another format, a version unlike the header's, newer than the log.
        Assert.Throws<InvalidDataException>(() => PolicySnapshot.Restore(image with { Parts = [.. image.Parts.SkipLast(1)] }, events.Count));
        Assert.Throws<InvalidDataException>(() => PolicySnapshot.Restore(image with { Parts = [.. image.Parts, [1, 2, 3]] }, events.Count));
        Assert.Throws<InvalidDataException>(() => PolicySnapshot.Restore(image with { Parts = [] }, events.Count));
        Assert.Throws<InvalidDataException>(() => PolicySnapshot.Restore(image with { Format = PolicySnapshot.Format + 1 }, events.Count));
        Assert.Throws<InvalidDataException>(() => PolicySnapshot.Restore(image with { Version = image.Version - 1 }, events.Count));
        Assert.Throws<InvalidDataException>(() => PolicySnapshot.Restore(image, events.Count - 1));
        using var whole = PolicySnapshot.Restore(image, events.Count);
        Assert.Equal(Describe(state), Describe(whole));
    }

    internal static List<RecordedEvent> History(Random random, int count)
    {
        var patients = Enumerable.Range(1, 1 + random.Next(30)).Select(TestNhs.Make).ToArray();
        var events = new List<RecordedEvent>(count);
        for (var v = 1; v <= count; v++)
        {
            var nhs = patients[random.Next(patients.Length)];
            var date = new DateOnly(2000, 1, 1).AddDays(random.Next(10_000));
            string Pick(string[] from) => from[random.Next(from.Length)];
            PolicyChange change = random.Next(17) switch
            {
                0 => new PracticeSettingsChanged(Pick(Practices), date, random.Next(2) == 0),
                1 => new PatientRegistered(nhs, Pick(Practices), date, date.AddDays(random.Next(5_000))),
                2 => new PatientCodeRecorded(nhs, Pick(Codes), random.Next(3) == 0 ? new DateOnly(2024, 10, 1) : date),
                3 => new PatientRestricted(nhs),
                4 => new PatientRestrictionLifted(nhs),
                5 => new SafeguardingFlagRaised(nhs, Pick(FlagIds)),
                6 => new SafeguardingFlagResolved(nhs, Pick(FlagIds)),
                7 => new IndividualGrantGiven(nhs, date),
                8 => new IndividualGrantRevoked(nhs),
                9 => new IndividualStartDateSet(nhs, date),
                10 => new IndividualStartDateRemoved(nhs),
                11 => new HistoricAccessGranted(nhs, date),
                12 => new HistoricAccessRevoked(nhs),
                13 => new EntryRedacted(nhs, Pick(Entries)),
                14 => new EntryUnredacted(nhs, Pick(Entries)),
                15 => new EntryReleased(nhs, Pick(Entries)),
                _ => new EntryReleaseWithdrawn(nhs, Pick(Entries)),
            };
            events.Add(new RecordedEvent(v, new PolicyEvent(DateTimeOffset.UnixEpoch.AddMinutes(v), Actor.System("test"), "why", change)));
        }

        return events;
    }

    /// <summary>Everything the state answers through its public surface, for every practice and patient the history could name.</summary>
    internal static string Describe(PolicyState state)
    {
        var lines = new List<string> { $"version {state.Version}, {state.PracticeCount} practices, {state.PatientCount} patients" };
        foreach (var ods in Practices)
        {
            lines.Add($"{ods}: {state.FindPractice(ods)}; patients {string.Join(",", state.PatientsOf(ods).Order(StringComparer.Ordinal))}");
        }

        for (var i = 1; i <= 31; i++)
        {
            lines.Add(JsonSerializer.Serialize(state.FindPatient(TestNhs.Make(i))));
        }

        return string.Join('\n', lines);
    }

    private static byte[] Bytes(PolicySnapshotImage image) => [.. image.Parts.SelectMany(p => p)];
}
