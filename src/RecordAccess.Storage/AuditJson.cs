using System.Buffers;
using System.Text;
using System.Text.Json;
using RecordAccess.Core.Model;
using RecordAccess.Core.Policy.Audit;
using RecordAccess.Storage.Model;

namespace RecordAccess.Storage;

/// <summary>
/// The <c>decisions</c> column of <c>decision_audit</c> rows written before the compact payload (decision 0108):
/// <c>[{"entryId":"e1","reason":"Visible"}, ...]</c>. Rows are no longer written so (their column is empty); the reader
/// stays for the rows that are, and the writer for the benchmark that compares the two (AuditRecordBenchmarks).
/// </summary>
internal static class AuditJson
{
    public static string Decisions(IReadOnlyList<Decision> decisions)
    {
        var buffer = new ArrayBufferWriter<byte>(64 + (decisions.Count * 48));
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            foreach (var d in decisions)
            {
                w.WriteStartObject();
                w.WriteString("entryId", d.EntryId);
                w.WriteString("reason", WireNames.Of(d.Reason));
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>A row written before the compact format (decision 0108): its answers, no replay facts.</summary>
    /// <exception cref="AuditRecordCorruptException">The JSON or the decision id cannot be read (an unknown reason reads as DecisionUnavailable).</exception>
    public static DecisionAuditRecord ToRecord(AuditRow row)
    {
        try
        {
            return Read(row);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            throw new AuditRecordCorruptException($"The audit row {row.DecisionId} has unreadable JSON answers: {e.Message}", e)
            {
                DecisionId = Guid.TryParse(row.DecisionId, out var id) ? id : null,
            };
        }
    }

    private static DecisionAuditRecord Read(AuditRow row)
    {
        using var doc = JsonDocument.Parse(row.Decisions);
        var decisions = new List<Decision>();

        // Each decision carries the record's rule set (records of the retired "2024.1+future-dated-codes-wait" are 2024.1's).
        var ruleSet = row.RuleSetVersion.StartsWith(RuleSet.PreviousVersion, StringComparison.Ordinal) ? RuleSetVersion.V2024_1 : RuleSetVersion.V2025_1;
        foreach (var d in doc.RootElement.EnumerateArray())
        {
            var reason = WireNames.TryParseReason(d.GetProperty("reason").GetString(), out var r) ? r : ReasonCode.DecisionUnavailable;
            decisions.Add(new Decision(d.GetProperty("entryId").GetString() ?? string.Empty, reason, ruleSet));
        }

        return new DecisionAuditRecord(Guid.Parse(row.DecisionId), row.RecordedAt, row.Caller, row.NhsNumber, row.StateVersion, row.RuleSetVersion, decisions, row.Flags);
    }
}
