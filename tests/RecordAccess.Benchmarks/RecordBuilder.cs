using RecordAccess.Core.Model;

namespace RecordAccess.Benchmarks;

/// <summary>
/// Builds the entry groups of a realistic record (an entry and its coded children and attachments)
/// until the wanted number of entries is reached. The proportions are listed in README.md.
/// </summary>
internal sealed class RecordBuilder(Random random, int entryCount)
{
    private static readonly string[] Sensitive = ["R", "V", "NOPAT", "SDV"];
    private static readonly string[] Normal = ["N"];

    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

    public int Remaining { get; private set; } = entryCount;

    /// <summary>One top-level entry recorded on <paramref name="date"/>, with its children, parent first.</summary>
    public List<EntryFacts> Group(DateOnly date)
    {
        var group = new List<EntryFacts>();
        var roll = random.Next(100);
        if (roll < 30)
        {
            var consultation = Add(group, EntryKind.Consultation, Maybe(2, EntryStatus.Draft), date, null);
            Children(group, EntryKind.Coded, 1 + random.Next(4), date, consultation.Id, 0);
            if (random.Next(5) == 0)
            {
                var letter = Add(group, EntryKind.Document, Maybe(5, EntryStatus.Provisional), date, consultation.Id);
                Children(group, EntryKind.Coded, random.Next(3), date, letter.Id, 0);
            }
        }
        else if (roll < 55)
        {
            Add(group, EntryKind.Medication, EntryStatus.Final, date, null);
        }
        else if (roll < 75)
        {
            var result = Add(group, EntryKind.TestResult, Maybe(4, EntryStatus.Provisional), date, null);
            Children(group, EntryKind.Coded, random.Next(4), date, result.Id, 0);
        }
        else if (roll < 90)
        {
            var status = random.Next(100) switch { < 4 => EntryStatus.Provisional, < 5 => EntryStatus.Unfiled, _ => EntryStatus.Final };
            var document = Add(group, EntryKind.Document, status, date, null);
            Children(group, EntryKind.Coded, 1 + random.Next(3), date, document.Id, 0);
            if (random.Next(5) == 0)
            {
                Children(group, EntryKind.Document, 1, date, document.Id, 14);
            }
        }
        else if (roll < 98)
        {
            Add(group, EntryKind.Coded, EntryStatus.Final, date, null);
        }
        else
        {
            Add(group, EntryKind.Diary, Maybe(50, EntryStatus.Draft), date, null);
        }

        return group;
    }

    private void Children(List<EntryFacts> group, EntryKind kind, int count, DateOnly date, string parentId, int maxDaysLater)
    {
        for (var i = 0; i < count; i++)
        {
            var later = date.AddDays(random.Next(maxDaysLater + 1));
            Add(group, kind, EntryStatus.Final, later > RealisticRecord.Today ? RealisticRecord.Today : later, parentId);
        }
    }

    /// <summary>Adds one entry if there is room (the top-level entry of a group always fits).</summary>
    private EntryFacts Add(List<EntryFacts> group, EntryKind kind, EntryStatus status, DateOnly date, string? parentId)
    {
        var labels = random.Next(1000) switch
        {
            < 10 => [Sensitive[random.Next(Sensitive.Length)]],
            < 40 => Normal,
            _ => Array.Empty<string>(),
        };
        var entry = new EntryFacts
        {
            Id = NewId(),
            Kind = kind,
            Status = status,
            RecordedDate = InputDate.Of(date),
            Redacted = random.Next(100) == 0,
            Labels = labels,
            Released = labels.Length == 1 && labels[0] != "N" && random.Next(5) < 2,
            ParentId = parentId,
        };
        if (Remaining > 0)
        {
            group.Add(entry);
            Remaining--;
        }

        return entry;
    }

    private EntryStatus Maybe(int percent, EntryStatus status) => random.Next(100) < percent ? status : EntryStatus.Final;

    /// <summary>Ids as GP systems send them: lower-case GUIDs (36), upper-case hex GUIDs (32), 20-character keys.</summary>
    private string NewId()
    {
        Span<byte> bytes = stackalloc byte[16];
        while (true)
        {
            random.NextBytes(bytes);
            var id = random.Next(4) switch
            {
                0 or 1 => new Guid(bytes).ToString("D"),
                2 => Convert.ToHexString(bytes),
                _ => Convert.ToHexString(bytes[..10]),
            };
            if (_ids.Add(id))
            {
                return id;
            }
        }
    }
}
