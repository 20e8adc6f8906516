using System.Globalization;
using Hl7.Fhir.Model;

namespace RecordAccess.Server.Fhir.Staff;

/// <summary>Writes a <see cref="PolicyResource"/> as the Consent or Flag (Firely POCOs) its profile describes.</summary>
internal static class PolicyResourceMapper
{
    public const string ChangeReasonUrl = FhirCanonical.Base + "/StructureDefinition/ChangeReason";
    public const string Legislation = "https://www.legislation.gov.uk/uksi/2023/436";

    public static DomainResource ToFhir(PolicyResource r) => r.ResourceType == "Consent" ? ToConsent(r) : ToFlag(r);

    public static string ETag(PolicyResource r) => $"W/\"{r.LastVersion.ToString(CultureInfo.InvariantCulture)}\"";

    public static Consent ToConsent(PolicyResource r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var date = new Period { Start = Day(r.Date) };
        return new Consent
        {
            Id = r.Id,
            Meta = Meta(r, "RecordAccessConsent"),
            Extension = Reason(r),
            Status = r.Active ? Consent.ConsentState.Active : Consent.ConsentState.Inactive,
            Scope = new CodeableConcept("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy", "Privacy Consent"),
            Category = [new CodeableConcept(r.System, r.Code, ConsentKinds.Display(r.Code))],
            Patient = Patient(r.NhsNumber),
            DateTime = Instant(r.RecordedAt),
            Organization = [Practice(r.Ods)],
            Policy = [new Consent.PolicyComponent { Uri = Legislation }],
            Provision = new Consent.provisionComponent
            {
                Type = ConsentKinds.ProvisionType(r.Code) == "deny" ? Consent.ConsentProvisionType.Deny : Consent.ConsentProvisionType.Permit,
                Period = ConsentKinds.BoundsData(r.Code) ? null : date,
                DataPeriod = ConsentKinds.BoundsData(r.Code) ? date : null,
            },
        };
    }

    public static Flag ToFlag(PolicyResource r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new Flag
        {
            Id = r.Id,
            Meta = Meta(r, "RecordAccessFlag"),
            Extension = Reason(r),
            Identifier = r.FlagId is null ? [] : [new Identifier(FlagCodes.FlagIdSystem, r.FlagId)],
            Status = r.Active ? Flag.FlagStatus.Active : Flag.FlagStatus.Inactive,
            Category = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/flag-category", "safety", "Safety")],
            Code = new CodeableConcept(FlagCodes.System, r.Code, FlagCodes.Display(r.Code)),
            Subject = Patient(r.NhsNumber),
            Period = new Period { Start = Day(r.Date), End = r.EndedOn is { } end ? Day(end) : null },
            Author = Practice(r.Ods),
        };
    }

    public static ResourceReference Patient(string nhsNumber) =>
        new($"Patient/{nhsNumber}") { Identifier = new Identifier(FhirCanonical.NhsNumberSystem, nhsNumber) };

    public static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static ResourceReference Practice(string? ods) =>
        ods is null ? new ResourceReference { Display = "practice not recorded" } : new ResourceReference { Identifier = new Identifier(FhirCanonical.OdsSystem, ods), Display = $"GP practice {ods}" };

    private static Meta Meta(PolicyResource r, string profile) => new()
    {
        VersionId = r.LastVersion.ToString(CultureInfo.InvariantCulture),
        LastUpdated = r.LastUpdated.ToUniversalTime(),
        Profile = [FhirCanonical.StructureDefinition(profile)],
    };

    private static List<Extension> Reason(PolicyResource r) => r.Reason is null ? [] : [new Extension(ChangeReasonUrl, new FhirString(r.Reason))];
}
