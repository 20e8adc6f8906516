using System.Text;
using System.Text.Json;
using RecordAccess.Core.Model;

namespace RecordAccess.Core.Tests;

/// <summary>Writes a request back in conformance-case JSON, so that a failing generated case can be pasted into the corpus or the CLI.</summary>
internal static class CaseJson
{
    public static string Write(DecisionRequest r)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            Date(w, "evaluationDate", r.EvaluationDate);
            w.WriteBoolean("nationalPause", r.NationalPause);
            if (r.Practice is { } practice)
            {
                w.WriteStartObject("practice");
                w.WriteString("ods", practice.Ods);
                Date(w, "switchOnDate", practice.SwitchOnDate);
                w.WriteBoolean("optedOut", practice.OptedOut);
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("practice");
            }

            if (r.Patient is { } p)
            {
                w.WriteStartObject("patient");
                w.WriteString("nhsNumber", p.NhsNumber);
                Date(w, "dateOfBirth", p.DateOfBirth);
                Date(w, "registrationDate", p.RegistrationDate);
                Date(w, "individualStartDate", p.IndividualStartDate);
                Date(w, "individualGrantDate", p.IndividualGrantDate);
                Date(w, "historicFromDate", p.HistoricFromDate);
                w.WriteStartArray("codes");
                foreach (var c in p.Codes)
                {
                    w.WriteStartObject();
                    w.WriteString("code", c.Code);
                    Date(w, "effectiveDate", c.EffectiveDate);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteBoolean("restricted", p.Restricted);
                w.WriteBoolean("safeguardingFlag", p.SafeguardingFlag);
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("patient");
            }

            w.WriteStartArray("entries");
            foreach (var e in r.Entries)
            {
                w.WriteStartObject();
                w.WriteString("id", e.Id);
                Date(w, "recordedDate", e.RecordedDate);
                w.WriteString("kind", e.Kind == EntryKind.Unknown ? "letter" : WireNames.Of(e.Kind));
                w.WriteString("status", e.Status == EntryStatus.Unknown ? "amended" : WireNames.Of(e.Status));
                w.WriteBoolean("redacted", e.Redacted);
                w.WriteStartArray("labels");
                foreach (var l in e.Labels)
                {
                    w.WriteStringValue(l);
                }

                w.WriteEndArray();
                w.WriteBoolean("released", e.Released);
                if (e.ParentId is not null)
                {
                    w.WriteString("parentId", e.ParentId);
                }

                if (e.Code is not null)
                {
                    w.WriteString("code", e.Code);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Date(Utf8JsonWriter w, string name, InputDate date)
    {
        switch (date.State)
        {
            case InputDateState.Valid:
                w.WriteString(name, date.ToString());
                break;
            case InputDateState.Invalid:
                w.WriteString(name, "not-a-date");
                break;
        }
    }
}
