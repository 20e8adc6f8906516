using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;
using RecordAccess.Core.Identifiers;
using RecordAccess.Server.Fhir.Validation;

namespace RecordAccess.Server.Fhir.Staff;

/// <summary>
/// Reads a staff Consent or Flag body in three steps, each ending the request on failure with an OperationOutcome and
/// nothing changed: Firely's strict parser (400: not JSON, not FHIR R4 JSON), then profile validation against
/// RecordAccessConsent or RecordAccessFlag with Firely.Fhir.Validation (422 listing the validator's issues), then our
/// own reading (400 naming the element): the patient (NHS number identifier or <c>Patient/{nhs}</c>), the code, the
/// date, the status and the ChangeReason extension.
/// </summary>
internal sealed class PolicyInputReader(FhirProfileValidator validator)
{
    private static readonly string[] AccessCodes = [ConsentKinds.Declined, ConsentKinds.ReviewIndicated, ConsentKinds.ReviewNotIndicated];

    public async Task<(PolicyInput? Input, FhirResult? Error)> ReadAsync(HttpContext context, string resourceType)
    {
        ArgumentNullException.ThrowIfNull(context);
        var limit = FhirEndpointRouteBuilderExtensions.MaxBody(context);
        DomainResource? resource;
        FhirResult? error;
        if (resourceType == "Consent")
        {
            (resource, error) = await FhirBody.ReadAsync<Consent>(context, limit).ConfigureAwait(false);
        }
        else
        {
            (resource, error) = await FhirBody.ReadAsync<Flag>(context, limit).ConfigureAwait(false);
        }

        if (resource is null)
        {
            return (null, error);
        }

        var issues = await validator.ValidateAsync(resource, FhirCanonical.StructureDefinition($"RecordAccess{resourceType}")).ConfigureAwait(false);
        if (issues.Any(FhirProfileValidator.IsError))
        {
            return (null, FhirOutcomes.Issues(StatusCodes.Status422UnprocessableEntity, issues.Where(i => i.Severity <= OperationOutcome.IssueSeverity.Warning)));
        }

        return Read(resource);
    }

    /// <summary>Our own reading of a parsed, profile-valid Consent or Flag.</summary>
    public static (PolicyInput? Input, FhirResult? Error) Read(DomainResource body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var consent = body as Consent;
        var flag = body as Flag;
        var resourceType = body.TypeName;
        var subject = consent is not null ? "patient" : "subject";
        if (Nhs(consent?.Patient ?? flag?.Subject, out var nhs) is { } nhsProblem)
        {
            return (null, FhirOutcomes.Invalid(nhsProblem, $"{resourceType}.{subject}", "value"));
        }

        var codingPath = consent is not null ? "category[0].coding" : "code.coding";
        var codings = consent is not null ? consent.Category.FirstOrDefault()?.Coding ?? [] : flag?.Code?.Coding ?? [];
        var coding = codings.FirstOrDefault(c => c.System is PolicyResourceProjection.Snomed or ConsentKinds.System or FlagCodes.System);
        var (system, code) = (coding?.System, coding?.Code);
        var known = consent is not null
            ? (system == PolicyResourceProjection.Snomed && AccessCodes.Contains(code)) || (system == ConsentKinds.System && code is ConsentKinds.IndividualGrant or ConsentKinds.StartDate or ConsentKinds.HistoricAccess)
            : system == FlagCodes.System && code is FlagCodes.Safeguarding or FlagCodes.Restricted;
        if (!known)
        {
            var expected = consent is not null
                ? $"a SNOMED CT access code ({string.Join(", ", AccessCodes)}) or a {ConsentKinds.System} code"
                : $"a {FlagCodes.System} code (safeguarding, restricted-risk-of-harm)";
            var found = coding is null ? "none" : $"{coding.System}|{coding.Code}";
            return (null, FhirOutcomes.Invalid($"{resourceType}.{codingPath} must hold {expected}; found {found}.", $"{resourceType}.{codingPath}", "code-invalid"));
        }

        string? date = null;
        if (consent is not null)
        {
            var bounds = ConsentKinds.BoundsData(code!);
            date = (bounds ? consent.Provision?.DataPeriod : consent.Provision?.Period)?.Start;
            if (date is null)
            {
                var where = bounds ? "provision.dataPeriod.start" : "provision.period.start";
                return (null, FhirOutcomes.Invalid($"Consent.{where} is required for {code} (a YYYY-MM-DD date).", $"Consent.{where}", "required"));
            }
        }

        var status = (consent is not null ? consent.Status?.GetLiteral() : flag!.Status?.GetLiteral()) ?? "active";
        var reason = (body.Extension.FirstOrDefault(e => e.Url == PolicyResourceMapper.ChangeReasonUrl)?.Value as FhirString)?.Value;
        var flagId = flag?.Identifier.FirstOrDefault(i => i.System == FlagCodes.FlagIdSystem)?.Value;
        return (new PolicyInput(resourceType, body.Id, nhs!, code!, date, status, reason, flagId), null);
    }

    /// <summary>The NHS number of a reference (identifier with the NHS number system, or <c>Patient/{nhs}</c>); a problem text when missing or invalid.</summary>
    private static string? Nhs(ResourceReference? reference, out string? nhs)
    {
        nhs = null;
        var text = reference?.Identifier is { System: FhirCanonical.NhsNumberSystem } identifier
            ? identifier.Value
            : reference?.Reference is { } literal && literal.StartsWith("Patient/", StringComparison.Ordinal) ? literal["Patient/".Length..] : null;
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
}
