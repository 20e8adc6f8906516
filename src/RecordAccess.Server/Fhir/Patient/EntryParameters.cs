using Hl7.Fhir.Model;
using RecordAccess.Core.Model;

namespace RecordAccess.Server.Fhir.Patient;

/// <summary>
/// Reads the input of <c>$entry-visibility</c> from the POCO Parameters, exactly as its OperationDefinition
/// (<c>fhir-profiles/OperationDefinition-entry-visibility.json</c>) says: every parameter is an <c>entry</c> made of
/// parts; <c>id</c> (string), <c>recordedDate</c> (date), <c>kind</c> and <c>status</c> (code) once each;
/// <c>parent</c> (string) and <c>code</c> (code) at most once; <c>label</c> (code) any number of times. Anything else is
/// a 400 naming the parameter, and so is a request with no entry. As lenient as FHIR: parameters and parts may carry <c>id</c> and <c>extension</c>
/// (a <c>modifierExtension</c> is not understood, so it is refused). The values are the engine's to judge, exactly as
/// in the conformance cases: an unknown kind or an impossible date withholds that entry only. Redaction and clinician
/// release are not inputs: they come from the policy state, set by staff.
/// </summary>
internal static class EntryParameters
{
    private static readonly Dictionary<string, (Type Type, string Element, int Min, int Max)> Parts = new(StringComparer.Ordinal)
    {
        ["id"] = (typeof(FhirString), "valueString", 1, 1),
        ["recordedDate"] = (typeof(Date), "valueDate", 1, 1),
        ["kind"] = (typeof(Code), "valueCode", 1, 1),
        ["status"] = (typeof(Code), "valueCode", 1, 1),
        ["label"] = (typeof(Code), "valueCode", 0, int.MaxValue),
        ["parent"] = (typeof(FhirString), "valueString", 0, 1),
        ["code"] = (typeof(Code), "valueCode", 0, 1),
    };

    public static (IReadOnlyList<EntryFacts>? Entries, FhirResult? Error) Read(Parameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.Parameter.Count == 0)
        {
            return (null, FhirOutcomes.Invalid("At least one 'entry' parameter is required.", "Parameters.parameter", "required"));
        }

        var entries = new List<EntryFacts>();
        for (var i = 0; i < parameters.Parameter.Count; i++)
        {
            var parameter = parameters.Parameter[i];
            var where = $"Parameters.parameter[{i}]";
            if (parameter.Name != "entry" || parameter.Value is not null || parameter.Resource is not null || parameter.Part.Count == 0 || parameter.ModifierExtension.Count > 0)
            {
                return (null, FhirOutcomes.Invalid("Every parameter must be an 'entry' made of parts only (no value, resource or modifierExtension).", where, "structure"));
            }

            var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            for (var j = 0; j < parameter.Part.Count; j++)
            {
                var part = parameter.Part[j];
                var partWhere = $"{where}.part[{j}]";
                if (part.Name is not { } name || !Parts.TryGetValue(name, out var rule))
                {
                    return (null, FhirOutcomes.Invalid($"Unknown part '{part.Name}'; expected id, recordedDate, kind, status, label, parent or code.", partWhere, "structure"));
                }

                if (part.Value?.GetType() != rule.Type || Text(part.Value) is not { } value || part.Resource is not null || part.Part.Count > 0 || part.ModifierExtension.Count > 0)
                {
                    return (null, FhirOutcomes.Invalid($"Part '{name}' needs one {rule.Element} and nothing else.", partWhere, "structure"));
                }

                values.TryAdd(name, []);
                values[name].Add(value);
            }

            foreach (var (name, rule) in Parts)
            {
                var count = values.GetValueOrDefault(name)?.Count ?? 0;
                if (count < rule.Min || count > rule.Max)
                {
                    var expected = rule.Min == rule.Max ? "exactly once" : "at most once";
                    return (null, FhirOutcomes.Invalid($"Part '{name}' must be given {expected} per entry (found {count}).", where, count < rule.Min ? "required" : "structure"));
                }
            }

            string? One(string name) => values.GetValueOrDefault(name)?[0];
            entries.Add(new EntryFacts
            {
                Id = One("id")!,
                RecordedDate = InputDate.Parse(One("recordedDate")),
                Kind = WireNames.ParseKind(One("kind")),
                Status = WireNames.ParseStatus(One("status")),
                Labels = values.GetValueOrDefault("label") ?? [],
                ParentId = One("parent"),
                Code = One("code"),
            });
        }

        return (entries, null);
    }

    private static string? Text(DataType? value) => value switch
    {
        FhirString s => s.Value,
        Date d => d.Value,
        Code c => c.Value,
        _ => null,
    };

    /// <summary>The answer: one <c>entry</c> per input entry, in order, with <c>id</c> and <c>visible</c> only.</summary>
    public static Parameters Answer(IReadOnlyList<EntryFacts> entries, IReadOnlyList<bool> visible)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(visible);
        var answer = new Parameters();
        for (var i = 0; i < entries.Count; i++)
        {
            answer.Parameter.Add(new Parameters.ParameterComponent
            {
                Name = "entry",
                Part =
                [
                    new Parameters.ParameterComponent { Name = "id", Value = new FhirString(entries[i].Id) },
                    new Parameters.ParameterComponent { Name = "visible", Value = new FhirBoolean(visible[i]) },
                ],
            });
        }

        return answer;
    }
}
