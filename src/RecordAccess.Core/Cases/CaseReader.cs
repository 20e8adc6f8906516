using System.Text.Json;
using RecordAccess.Core.Model;

namespace RecordAccess.Core.Cases;

/// <summary>
/// Reads the conformance-case JSON of <c>conformance-cases.md</c> into a <see cref="DecisionRequest"/>.
/// Structure is checked strictly (a wrong type or unknown field is a <see cref="CaseFormatException"/>);
/// values are not judged here: a bad NHS number or date reaches the engine, which answers
/// <c>DecisionUnavailable</c> (rule 0).
/// </summary>
public static class CaseReader
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64 };

    /// <summary>Reads a case from UTF-8 JSON.</summary>
    /// <param name="utf8Json">The JSON text.</param>
    public static DecisionRequest Read(ReadOnlyMemory<byte> utf8Json)
    {
        using var document = Parse(utf8Json);
        return ReadCase(document.RootElement, "$");
    }

    /// <summary>Reads a corpus file: a case with its name, why and expected reasons.</summary>
    /// <param name="utf8Json">The JSON text.</param>
    public static CorpusCase ReadCorpusCase(ReadOnlyMemory<byte> utf8Json)
    {
        using var document = Parse(utf8Json);
        var fields = JsonFields.Of(document.RootElement, "$", "name", "why", "case", "expected");
        var name = fields.OptionalString("name") ?? throw new CaseFormatException("$.name", "is required");
        var why = fields.OptionalString("why") ?? throw new CaseFormatException("$.why", "is required");
        if (!fields.TryGet("case", out var caseElement))
        {
            throw new CaseFormatException("$.case", "is required");
        }

        if (!fields.TryGet("expected", out var expectedElement))
        {
            throw new CaseFormatException("$.expected", "is required");
        }

        if (expectedElement.ValueKind != JsonValueKind.Object)
        {
            throw new CaseFormatException("$.expected", $"expected an object, found {JsonFields.Describe(expectedElement)}");
        }

        var expected = new Dictionary<string, ReasonCode>(StringComparer.Ordinal);
        foreach (var property in expectedElement.EnumerateObject())
        {
            var path = $"$.expected.{property.Name}";
            if (property.Value.ValueKind != JsonValueKind.String || !WireNames.TryParseReason(property.Value.GetString(), out var reason))
            {
                throw new CaseFormatException(path, "expected a reason code spelled as in the rule table");
            }

            if (!expected.TryAdd(property.Name, reason))
            {
                throw new CaseFormatException(path, "appears more than once");
            }
        }

        return new CorpusCase(name, why, ReadCase(caseElement, "$.case"), expected);
    }

    private static JsonDocument Parse(ReadOnlyMemory<byte> utf8Json)
    {
        try
        {
            return JsonDocument.Parse(utf8Json, Options);
        }
        catch (JsonException ex)
        {
            throw new CaseFormatException($"$ (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1})", "not valid JSON: " + ex.Message);
        }
    }

    private static DecisionRequest ReadCase(JsonElement element, string path)
    {
        var fields = JsonFields.Of(element, path, "evaluationDate", "nationalPause", "practice", "patient", "entries");
        var entries = fields.OptionalArray("entries") ?? throw new CaseFormatException(fields.Child("entries"), "is required (an array of entries)");
        return new DecisionRequest
        {
            EvaluationDate = Date(fields, "evaluationDate"),
            NationalPause = fields.Boolean("nationalPause"),
            Practice = fields.TryGet("practice", out var practice) ? ReadPractice(practice, fields.Child("practice")) : null,
            Patient = fields.TryGet("patient", out var patient) ? ReadPatient(patient, fields.Child("patient")) : null,
            Entries = entries.Select((e, i) => ReadEntry(e, $"{fields.Child("entries")}[{i}]")).ToArray(),
        };
    }

    private static PracticeFacts ReadPractice(JsonElement element, string path)
    {
        var fields = JsonFields.Of(element, path, "ods", "switchOnDate", "optedOut");
        return new PracticeFacts
        {
            Ods = fields.OptionalString("ods") ?? string.Empty,
            SwitchOnDate = Date(fields, "switchOnDate"),
            OptedOut = fields.Boolean("optedOut"),
        };
    }

    private static PatientFacts ReadPatient(JsonElement element, string path)
    {
        var fields = JsonFields.Of(
            element,
            path,
            "nhsNumber",
            "dateOfBirth",
            "registrationDate",
            "individualStartDate",
            "individualGrantDate",
            "historicFromDate",
            "codes",
            "restricted",
            "safeguardingFlag");
        var codes = fields.OptionalArray("codes")?.Select((c, i) => ReadCode(c, $"{fields.Child("codes")}[{i}]")).ToArray() ?? [];
        return new PatientFacts
        {
            NhsNumber = fields.OptionalString("nhsNumber") ?? string.Empty,
            DateOfBirth = Date(fields, "dateOfBirth"),
            RegistrationDate = Date(fields, "registrationDate"),
            IndividualStartDate = Date(fields, "individualStartDate"),
            IndividualGrantDate = Date(fields, "individualGrantDate"),
            HistoricFromDate = Date(fields, "historicFromDate"),
            Codes = codes,
            Restricted = fields.Boolean("restricted"),
            SafeguardingFlag = fields.Boolean("safeguardingFlag"),
        };
    }

    private static PatientCode ReadCode(JsonElement element, string path)
    {
        var fields = JsonFields.Of(element, path, "code", "effectiveDate");
        return new PatientCode(fields.OptionalString("code") ?? string.Empty, Date(fields, "effectiveDate"));
    }

    private static EntryFacts ReadEntry(JsonElement element, string path)
    {
        var fields = JsonFields.Of(element, path, "id", "recordedDate", "kind", "status", "redacted", "labels", "released", "parentId", "code");
        var labels = fields.OptionalArray("labels")?.Select((l, i) => l.ValueKind == JsonValueKind.String
            ? l.GetString()!
            : throw new CaseFormatException($"{fields.Child("labels")}[{i}]", $"expected a string, found {JsonFields.Describe(l)}")).ToArray() ?? [];
        return new EntryFacts
        {
            Id = fields.OptionalString("id") ?? string.Empty,
            RecordedDate = Date(fields, "recordedDate"),
            Kind = WireNames.ParseKind(fields.OptionalString("kind")),
            Status = WireNames.ParseStatus(fields.OptionalString("status")),
            Redacted = fields.Boolean("redacted"),
            Labels = labels,
            Released = fields.Boolean("released"),
            ParentId = fields.OptionalString("parentId"),
            Code = fields.OptionalString("code"),
        };
    }

    private static InputDate Date(JsonFields fields, string name) => InputDate.Parse(fields.OptionalString(name));
}
