using System.Globalization;
using System.Text.Json.Nodes;
using V1 = RecordAccess.Server.Contracts.V1;

namespace RecordAccess.Server.Tests.Fhir;

/// <summary>
/// Generated records for FHIR ↔ gRPC parity, from a seed: entries of every kind and status, recorded from before
/// any access start to after today, with and without labels (withholding, harmless, wrong case), parents (earlier
/// entries, occasionally one not in the request). Written as <c>$entry-visibility</c> Parameters and as a gate request.
/// </summary>
internal static class ParityRecords
{
    private static readonly string[] Kinds = ["consultation", "diary", "document", "testResult", "medication", "coded"];
    private static readonly string[] Statuses = ["final", "final", "final", "final", "final", "draft", "provisional", "unfiled"];
    private static readonly string[] Labels = ["R", "V", "NOPAT", "SDV", "N", "r", "nopat"];
    private static readonly DateOnly First = new(2009, 6, 1);
    private static readonly DateOnly Recent = new(2023, 9, 1);

    internal sealed record Item(string Id, string Recorded, int Kind, string Status, string[] Labels, string? Parent);

    /// <summary>One record of 1–12 entries; ids <c>{prefix}-{i}</c>, so redactions and releases keyed by id apply.</summary>
    public static List<Item> Record(Random random, string prefix, DateOnly today)
    {
        var items = new List<Item>();
        var count = random.Next(1, 13);
        for (var i = 0; i < count; i++)
        {
            var from = random.Next(5) < 3 ? Recent : First; // most entries around the access starts, some long before
            var recorded = random.Next(20) == 0 ? today.AddDays(1) : from.AddDays(random.Next(today.DayNumber - from.DayNumber + 1));
            var labels = random.Next(6) == 0 ? Labels.Where(_ => random.Next(3) == 0).ToArray() : [];
            var parent = i > 0 && random.Next(3) == 0 ? $"{prefix}-{random.Next(i)}" : random.Next(40) == 0 ? $"{prefix}-missing" : null;
            items.Add(new Item($"{prefix}-{i}", recorded.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), random.Next(Kinds.Length), Statuses[random.Next(Statuses.Length)], labels, parent));
        }

        return items;
    }

    public static string Parameters(IEnumerable<Item> items) => new JsonObject
    {
        ["resourceType"] = "Parameters",
        ["parameter"] = new JsonArray([.. items.Select(e =>
        {
            var parts = new JsonArray { Part("id", "valueString", e.Id), Part("recordedDate", "valueDate", e.Recorded), Part("kind", "valueCode", Kinds[e.Kind]), Part("status", "valueCode", e.Status) };
            foreach (var label in e.Labels)
            {
                parts.Add(Part("label", "valueCode", label));
            }

            if (e.Parent is not null)
            {
                parts.Add(Part("parent", "valueString", e.Parent));
            }

            return (JsonNode)new JsonObject { ["name"] = "entry", ["part"] = parts };
        })]),
    }.ToJsonString();

    public static V1.EvaluateEntriesRequest Request(string nhs, IEnumerable<Item> items)
    {
        var request = new V1.EvaluateEntriesRequest { NhsNumber = nhs };
        foreach (var e in items)
        {
            var entry = new V1.Entry
            {
                Id = e.Id,
                RecordedDate = e.Recorded,
                Kind = (V1.EntryKind)(e.Kind + 1),
                Status = e.Status switch { "final" => V1.EntryStatus.Final, "draft" => V1.EntryStatus.Draft, "provisional" => V1.EntryStatus.Provisional, _ => V1.EntryStatus.Unfiled },
            };
            entry.Labels.AddRange(e.Labels);
            if (e.Parent is not null)
            {
                entry.ParentId = e.Parent;
            }

            request.Entries.Add(entry);
        }

        return request;
    }

    private static JsonObject Part(string name, string type, string value) => new() { ["name"] = name, [type] = value };
}
