using System.Text.Json.Nodes;
using RecordAccess.Core.Identifiers;

namespace RecordAccess.Server.Fhir.Staff;

/// <summary>
/// Reads a Consent or Flag body: the patient (NHS number identifier or <c>Patient/{nhs}</c>), the code, the date, the
/// status and the ChangeReason extension. Anything unreadable is a 400 OperationOutcome naming the element.
/// </summary>
internal static class PolicyInputReader
{
    private static readonly string[] AccessCodes = [ConsentKinds.Declined, ConsentKinds.ReviewIndicated, ConsentKinds.ReviewNotIndicated];

    public static (PolicyInput? Input, FhirResult? Error) Read(JsonObject body, string resourceType)
    {
        ArgumentNullException.ThrowIfNull(body);
        var consent = resourceType == "Consent";
        var subject = consent ? "patient" : "subject";
        if (Nhs(body[subject], out var nhs) is { } nhsProblem)
        {
            return (null, FhirOutcomes.Invalid(nhsProblem, $"{resourceType}.{subject}", "value"));
        }

        var codingPath = consent ? "category[0].coding" : "code.coding";
        var codings = (consent ? body["category"]?[0]?["coding"] : body["code"]?["coding"]) as JsonArray;
        var coding = codings?.OfType<JsonObject>().FirstOrDefault(c => Text(c["system"]) is PolicyResourceProjection.Snomed or ConsentKinds.System or FlagCodes.System);
        var system = Text(coding?["system"]);
        var code = Text(coding?["code"]);
        var known = consent
            ? (system == PolicyResourceProjection.Snomed && AccessCodes.Contains(code)) || (system == ConsentKinds.System && code is ConsentKinds.IndividualGrant or ConsentKinds.StartDate or ConsentKinds.HistoricAccess)
            : system == FlagCodes.System && code is FlagCodes.Safeguarding or FlagCodes.Restricted;
        if (!known)
        {
            var expected = consent
                ? $"a SNOMED CT access code ({string.Join(", ", AccessCodes)}) or a {ConsentKinds.System} code"
                : $"a {FlagCodes.System} code (safeguarding, restricted-risk-of-harm)";
            return (null, FhirOutcomes.Invalid($"{resourceType}.{codingPath} must hold {expected}; found {(coding ?? codings as JsonNode)?.ToJsonString() ?? "none"}.", $"{resourceType}.{codingPath}", "code-invalid"));
        }

        var date = consent ? Text(body["provision"]?[ConsentKinds.BoundsData(code!) ? "dataPeriod" : "period"]?["start"]) : null;
        if (consent && date is null)
        {
            var where = ConsentKinds.BoundsData(code!) ? "provision.dataPeriod.start" : "provision.period.start";
            return (null, FhirOutcomes.Invalid($"Consent.{where} is required for {code} (a YYYY-MM-DD date).", $"Consent.{where}", "required"));
        }

        var status = Text(body["status"]) ?? "active";
        var reason = (body["extension"] as JsonArray)?.OfType<JsonObject>()
            .Where(e => Text(e["url"]) == PolicyResourceMapper.ChangeReasonUrl).Select(e => Text(e["valueString"])).FirstOrDefault();
        var flagId = (body["identifier"] as JsonArray)?.OfType<JsonObject>()
            .Where(i => Text(i["system"]) == FlagCodes.FlagIdSystem).Select(i => Text(i["value"])).FirstOrDefault();
        return (new PolicyInput(resourceType, Text(body["id"]), nhs!, code!, date, status, reason, flagId), null);
    }

    /// <summary>The NHS number of a reference (identifier with the NHS number system, or <c>Patient/{nhs}</c>); a problem text when missing or invalid.</summary>
    private static string? Nhs(JsonNode? reference, out string? nhs)
    {
        nhs = null;
        var identifier = reference?["identifier"];
        var text = identifier is not null && Text(identifier["system"]) == FhirCanonical.NhsNumberSystem
            ? Text(identifier["value"])
            : Text(reference?["reference"]) is { } literal && literal.StartsWith("Patient/", StringComparison.Ordinal) ? literal["Patient/".Length..] : null;
        if (text is null)
        {
            return $"the patient is required: an identifier with system {FhirCanonical.NhsNumberSystem}, or a reference Patient/{{nhsNumber}}";
        }

        if (!NhsNumber.TryParse(text, out var parsed, out var error))
        {
            return $"'{text}' is not a valid NHS number: {error}";
        }

        nhs = parsed.Value;
        return null;
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
