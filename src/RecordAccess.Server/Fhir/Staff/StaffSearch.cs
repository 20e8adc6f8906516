using RecordAccess.Core.Identifiers;

namespace RecordAccess.Server.Fhir.Staff;

/// <summary>
/// Reads a staff search: <c>patient</c> is required, as <c>Patient/{nhs}</c>, a bare NHS number, or the identifier
/// token <c>https://fhir.nhs.uk/Id/nhs-number|{nhs}</c> (also as <c>patient:identifier</c>). Any parameter the
/// endpoint does not support is a 400 (a silently ignored filter would show more than the caller asked for).
/// </summary>
internal static class StaffSearch
{
    private static readonly string[] Common = ["patient", "patient:identifier", "_format"];

    public static (string? NhsNumber, FhirResult? Error) Patient(IQueryCollection query, params string[] supported)
    {
        ArgumentNullException.ThrowIfNull(query);
        foreach (var key in query.Keys)
        {
            if (!Common.Contains(key, StringComparer.Ordinal) && !supported.Contains(key, StringComparer.Ordinal))
            {
                return (null, FhirOutcomes.Invalid($"Search parameter '{key}' is not supported here; supported: {string.Join(", ", Common.Concat(supported))}.", code: "not-supported"));
            }
        }

        var values = query["patient"].Concat(query["patient:identifier"]).ToList();
        if (values.Count != 1 || string.IsNullOrEmpty(values[0]))
        {
            return (null, FhirOutcomes.Invalid("Exactly one 'patient' parameter is required: Patient/{nhsNumber}, or https://fhir.nhs.uk/Id/nhs-number|{nhsNumber}.", code: "required"));
        }

        var text = values[0]!;
        var identifierPrefix = FhirCanonical.NhsNumberSystem + "|";
        text = text.StartsWith(identifierPrefix, StringComparison.Ordinal) ? text[identifierPrefix.Length..]
            : text.StartsWith("Patient/", StringComparison.Ordinal) && query.ContainsKey("patient") ? text["Patient/".Length..]
            : text;
        return NhsNumber.TryParse(text, out var nhs, out var error)
            ? (nhs.Value, null)
            : (null, FhirOutcomes.Invalid($"'{values[0]}' does not name a patient by a valid NHS number: {error}", "patient", "value"));
    }

    /// <summary>A searchset of the given resources (already filtered), with the total and the self link of this request.</summary>
    public static Hl7.Fhir.Model.Bundle Bundle(HttpContext context, IReadOnlyList<Hl7.Fhir.Model.Resource> matches, string resourceType)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(matches);
        var baseUrl = FhirEndpointRouteBuilderExtensions.BaseUrl(context);
        return new Hl7.Fhir.Model.Bundle
        {
            Type = Hl7.Fhir.Model.Bundle.BundleType.Searchset,
            Total = matches.Count,
            Link = [new Hl7.Fhir.Model.Bundle.LinkComponent { Relation = "self", Url = $"{baseUrl}/{resourceType}{context.Request.QueryString}" }],
            Entry = [.. matches.Select(m => new Hl7.Fhir.Model.Bundle.EntryComponent
            {
                FullUrl = $"{baseUrl}/{resourceType}/{m.Id}",
                Resource = m,
                Search = new Hl7.Fhir.Model.Bundle.SearchComponent { Mode = Hl7.Fhir.Model.Bundle.SearchEntryMode.Match },
            })],
        };
    }
}
