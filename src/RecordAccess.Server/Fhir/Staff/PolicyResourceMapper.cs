using System.Globalization;
using RecordAccess.Server.Fhir.Staff.Model;

namespace RecordAccess.Server.Fhir.Staff;

/// <summary>Writes a <see cref="PolicyResource"/> as the Consent or Flag its profile describes.</summary>
internal static class PolicyResourceMapper
{
    public const string ChangeReasonUrl = FhirCanonical.Base + "/StructureDefinition/ChangeReason";
    public const string Legislation = "https://www.legislation.gov.uk/uksi/2023/436";

    public static object ToFhir(PolicyResource r) => r.ResourceType == "Consent" ? ToConsent(r) : ToFlag(r);

    public static string ETag(PolicyResource r) => $"W/\"{r.LastVersion.ToString(CultureInfo.InvariantCulture)}\"";

    public static Consent ToConsent(PolicyResource r)
    {
        var date = new Period(Day(r.Date));
        return new Consent(
            r.Id,
            Meta(r, "RecordAccessConsent"),
            Reason(r),
            r.Active ? "active" : "inactive",
            new CodeableConcept([new Coding("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy", "Privacy Consent")]),
            [new CodeableConcept([new Coding(r.System, r.Code, ConsentKinds.Display(r.Code))])],
            Patient(r.NhsNumber),
            Instant(r.RecordedAt),
            [Practice(r.Ods)],
            [new Consent.PolicyComponent(Legislation)],
            new Consent.ProvisionComponent(ConsentKinds.ProvisionType(r.Code), ConsentKinds.BoundsData(r.Code) ? null : date, ConsentKinds.BoundsData(r.Code) ? date : null));
    }

    public static Flag ToFlag(PolicyResource r) => new(
        r.Id,
        Meta(r, "RecordAccessFlag"),
        Reason(r),
        r.FlagId is null ? null : [new Identifier(FlagCodes.FlagIdSystem, r.FlagId)],
        r.Active ? "active" : "inactive",
        [new CodeableConcept([new Coding("http://terminology.hl7.org/CodeSystem/flag-category", "safety", "Safety")])],
        new CodeableConcept([new Coding(FlagCodes.System, r.Code, FlagCodes.Display(r.Code))]),
        Patient(r.NhsNumber),
        new Period(Day(r.Date), r.EndedOn is { } end ? Day(end) : null),
        Practice(r.Ods));

    public static ResourceReference Patient(string nhsNumber) => new($"Patient/{nhsNumber}", new Identifier(FhirCanonical.NhsNumberSystem, nhsNumber));

    public static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static ResourceReference Practice(string? ods) =>
        ods is null ? new ResourceReference(null, null, "practice not recorded") : new ResourceReference(null, new Identifier(FhirCanonical.OdsSystem, ods), $"GP practice {ods}");

    private static Meta Meta(PolicyResource r, string profile) =>
        new(r.LastVersion.ToString(CultureInfo.InvariantCulture), Instant(r.LastUpdated), [FhirCanonical.StructureDefinition(profile)]);

    private static List<Extension>? Reason(PolicyResource r) => r.Reason is null ? null : [new Extension(ChangeReasonUrl, r.Reason)];
}
