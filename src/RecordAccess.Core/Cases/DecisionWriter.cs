using System.Text.Json;
using RecordAccess.Core.Model;

namespace RecordAccess.Core.Cases;

/// <summary>Writes decisions in the <c>evaluate</c> output format of <c>conformance-cases.md</c>, in request order.</summary>
public static class DecisionWriter
{
    /// <summary>Writes <c>{ "ruleSetVersion": …, "decisions": [ { "entryId", "visible", "reason" } ] }</c>.</summary>
    /// <param name="output">Where to write UTF-8 JSON.</param>
    /// <param name="decisions">The decisions, in request order (one request, so one rule set; the current one when there are none).</param>
    /// <param name="indented">Pretty-print for people.</param>
    public static void Write(Stream output, ReadOnlySpan<Decision> decisions, bool indented = false)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = indented });
        json.WriteStartObject();
        json.WriteString("ruleSetVersion", decisions.IsEmpty ? RuleSet.Version : decisions[0].RuleSetVersion);
        json.WriteStartArray("decisions");
        foreach (var decision in decisions)
        {
            json.WriteStartObject();
            json.WriteString("entryId", decision.EntryId);
            json.WriteBoolean("visible", decision.Visible);
            json.WriteString("reason", WireNames.Of(decision.Reason));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
