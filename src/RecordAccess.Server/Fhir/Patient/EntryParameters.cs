using System.Text.Json.Nodes;
using RecordAccess.Core.Model;
using RecordAccess.Server.Fhir.Mapping;

namespace RecordAccess.Server.Fhir.Patient;

/// <summary>
/// Reads the input of <c>$entry-visibility</c>: one <c>entry</c> parameter per entry, with parts <c>id</c>
/// (string), <c>recordedDate</c> (date), <c>kind</c> and <c>status</c> (code), <c>label</c> (code, repeating) and
/// <c>parent</c> (string). The structure is checked here (400, naming the parameter); the values are the engine's
/// to judge, exactly as in the conformance cases: an unknown kind or an impossible date withholds that entry only.
/// Redaction and clinician release are not inputs: they come from the policy state, set by staff.
/// </summary>
internal static class EntryParameters
{
    private static readonly Dictionary<string, string> ValueTypes = new(StringComparer.Ordinal)
    {
        ["id"] = "valueString",
        ["recordedDate"] = "valueDate",
        ["kind"] = "valueCode",
        ["status"] = "valueCode",
        ["label"] = "valueCode",
        ["parent"] = "valueString",
        ["code"] = "valueCode",
    };

    public static (IReadOnlyList<EntryFacts>? Entries, FhirResult? Error) Read(JsonObject parameters)
    {
        var entries = new List<EntryFacts>();
        var list = parameters["parameter"];
        if (list is not null and not JsonArray)
        {
            return (null, FhirOutcomes.Invalid("Parameters.parameter must be an array.", "Parameters.parameter", "structure"));
        }

        var i = 0;
        foreach (var parameter in list as JsonArray ?? [])
        {
            var where = $"Parameters.parameter[{i}]";
            if (FhirJsonRead.String(parameter, "name") != "entry" || parameter!["part"] is not JsonArray parts)
            {
                return (null, FhirOutcomes.Invalid("Every parameter must be an 'entry' with parts.", where, "structure"));
            }

            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            var labels = new List<string>();
            var j = 0;
            foreach (var part in parts)
            {
                var name = FhirJsonRead.String(part, "name");
                var partWhere = $"{where}.part[{j++}]";
                if (name is null || !ValueTypes.TryGetValue(name, out var valueType) || part is not JsonObject { Count: 2 } p || FhirJsonRead.String(p, valueType) is not { } value)
                {
                    return (null, FhirOutcomes.Invalid($"Unknown or malformed part '{name}'; expected id, recordedDate, kind, status, label or parent, each with one value of its type.", partWhere, "structure"));
                }

                if (name == "label")
                {
                    labels.Add(value);
                }
                else if (!values.TryAdd(name, value))
                {
                    return (null, FhirOutcomes.Invalid($"Part '{name}' is given twice.", partWhere, "structure"));
                }
            }

            if (!values.TryGetValue("id", out var id))
            {
                return (null, FhirOutcomes.Invalid("An entry needs an 'id' part.", where, "required"));
            }

            entries.Add(new EntryFacts
            {
                Id = id,
                RecordedDate = InputDate.Parse(values.GetValueOrDefault("recordedDate")),
                Kind = WireNames.ParseKind(values.GetValueOrDefault("kind")),
                Status = WireNames.ParseStatus(values.GetValueOrDefault("status")),
                Labels = labels,
                ParentId = values.GetValueOrDefault("parent"),
                Code = values.GetValueOrDefault("code"),
            });
            i++;
        }

        return (entries, null);
    }
}
