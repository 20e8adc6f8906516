using System.Text.Json.Nodes;
using RecordAccess.Core.Identifiers;
using RecordAccess.Core.Model;
using static RecordAccess.Server.Fhir.Mapping.FhirJsonRead;

namespace RecordAccess.Server.Fhir.Mapping;

/// <summary>
/// Maps one record resource to entry facts (the table in docs/fhir-mapping.md). The recorded date is the element
/// that says when the entry was recorded in the GP system; where R4 has none, the clinical start date, which is
/// never later than the recording (so a boundary entry is withheld, never shown early). Statuses the rule table
/// has no word for (entered-in-error, cancelled, unknown…) map to Unknown: the entry is withheld (rule 0) and so
/// are its children. A resource type not in the table is not a record entry: it passes through or is withheld
/// (<see cref="PassesThrough"/>).
/// </summary>
internal static class ResourceMapping
{
    private const string ObservationCategory = "http://terminology.hl7.org/CodeSystem/observation-category";
    private const string SnomedSystem = "http://snomed.info/sct";

    public static readonly string[] Types =
    [
        "Encounter", "Observation", "DiagnosticReport", "DocumentReference", "Condition",
        "MedicationStatement", "MedicationRequest", "AllergyIntolerance", "Procedure", "Immunization",
    ];

    /// <summary>
    /// Resources that are not record entries but describe them (decision 0086): the patient, who recorded or performed
    /// an entry, where, and a medication's definition. They are not decided by the rule table; they pass through when
    /// valid R4 and unlabelled, so an <c>$everything</c>-shaped Bundle loses no entry because of them.
    /// </summary>
    public static readonly string[] PassThroughTypes = ["Patient", "Practitioner", "PractitionerRole", "Organization", "Location", "Medication"];

    public static bool IsRecordType(string? type) => type is not null && Types.Contains(type);

    /// <summary>
    /// A resource that is not a record entry and is shown as sent: a pass-through type, valid R4, and (except the
    /// patient's own Patient resource, whose labels protect it from others) no withholding label.
    /// </summary>
    public static bool PassesThrough(BundleItem item, bool validShape)
    {
        ArgumentNullException.ThrowIfNull(item);
        return validShape && item.Type is not null && PassThroughTypes.Contains(item.Type)
            && (item.Type == "Patient" || !SecurityLabels.Collect(item.Resource).Any(RuleSet.IsSensitiveLabel));
    }

    /// <summary>The facts of a resource of a known type; null for any other type.</summary>
    /// <param name="resource">The resource.</param>
    /// <param name="isResult">True when a DiagnosticReport lists it as a result (it is then a test result).</param>
    public static ResourceFacts? Map(JsonObject resource, bool isResult) => Facts(resource, isResult) is { } facts
        ? facts with { Code = EntryCode(resource) }
        : null;

    /// <summary>
    /// The SNOMED CT code the entry records, from the element that names what it is (<c>code</c>; <c>type</c> of a
    /// DocumentReference or Encounter; <c>vaccineCode</c>; <c>medicationCodeableConcept</c>), system
    /// <c>http://snomed.info/sct</c> only. Of several codings the one that withholds most is taken: an online-access
    /// code (rule 11a), else one that is not a valid concept id (rule 0), else the first (a valid unrelated code,
    /// which decides nothing). Null when the entry has no SNOMED CT coding.
    /// </summary>
    public static string? EntryCode(JsonObject resource)
    {
        var element = String(resource, "resourceType") switch
        {
            "DocumentReference" or "Encounter" => resource["type"],
            "Immunization" => resource["vaccineCode"],
            "MedicationStatement" or "MedicationRequest" => resource["medicationCodeableConcept"],
            _ => resource["code"],
        };
        var codes = Codes(element, SnomedSystem).ToList();
        return codes.FirstOrDefault(IsAccessCode)
            ?? codes.FirstOrDefault(c => !SnomedCode.TryParse(c, out _, out _))
            ?? codes.FirstOrDefault();
    }

    private static bool IsAccessCode(string code) =>
        SnomedCode.TryParse(code, out var parsed, out _)
        && (parsed == SnomedCode.EnhancedReviewIndicated || parsed == SnomedCode.EnhancedReviewNotIndicated || parsed == SnomedCode.AccessDeclinedByPatient);

    private static ResourceFacts? Facts(JsonObject resource, bool isResult) => String(resource, "resourceType") switch
    {
        "Encounter" => new(EntryKind.Consultation, EncounterStatus(String(resource, "status")), Date(String(Object(resource, "period"), "start")), []),
        "Observation" => new(
            isResult || Codes(resource["category"], ObservationCategory).Any(c => c is "laboratory" or "imaging") ? EntryKind.TestResult : EntryKind.Coded,
            ResultStatus(String(resource, "status")),
            Date(String(resource, "issued") ?? ChoiceDate(resource, "effective")),
            Context(resource, "encounter")),
        "DiagnosticReport" => new(EntryKind.TestResult, ResultStatus(String(resource, "status")), Date(String(resource, "issued") ?? ChoiceDate(resource, "effective")), Context(resource, "encounter")),
        "DocumentReference" => new(EntryKind.Document, DocumentStatus(String(resource, "status"), String(resource, "docStatus")), Date(String(resource, "date")), [.. Objects(resource["context"], "encounter")]),
        "Condition" => new(EntryKind.Coded, Verification(resource), Date(String(resource, "recordedDate") ?? ChoiceDate(resource, "onset")), Context(resource, "encounter")),
        "AllergyIntolerance" => new(EntryKind.Coded, Verification(resource), Date(String(resource, "recordedDate") ?? ChoiceDate(resource, "onset")), Context(resource, "encounter")),
        "MedicationStatement" => new(EntryKind.Medication, MedicationStatementStatus(String(resource, "status")), Date(String(resource, "dateAsserted") ?? ChoiceDate(resource, "effective")), Context(resource, "context")),
        "MedicationRequest" => new(EntryKind.Medication, MedicationRequestStatus(String(resource, "status")), Date(String(resource, "authoredOn")), Context(resource, "encounter")),
        "Procedure" => new(EntryKind.Coded, ProcedureStatus(String(resource, "status")), Date(ChoiceDate(resource, "performed")), Context(resource, "encounter")),
        "Immunization" => new(EntryKind.Coded, String(resource, "status") is "completed" or "not-done" ? EntryStatus.Final : EntryStatus.Unknown, Date(String(resource, "recorded") ?? String(resource, "occurrenceDateTime")), Context(resource, "encounter")),
        _ => null,
    };

    private static InputDate Date(string? text) => FhirDates.ToUkDate(text);

    private static JsonObject[] Context(JsonObject resource, string name) => [.. Objects(resource, name)];

    private static EntryStatus EncounterStatus(string? status) => status switch
    {
        "finished" => EntryStatus.Final,
        "planned" or "arrived" or "triaged" or "in-progress" or "onleave" => EntryStatus.Provisional,
        _ => EntryStatus.Unknown,
    };

    private static EntryStatus ResultStatus(string? status) => status switch
    {
        "final" or "amended" or "corrected" or "appended" => EntryStatus.Final,
        "registered" or "preliminary" or "partial" => EntryStatus.Provisional,
        _ => EntryStatus.Unknown,
    };

    private static EntryStatus DocumentStatus(string? status, string? docStatus) => (status, docStatus) switch
    {
        ("current", null or "final" or "amended") => EntryStatus.Final,
        ("current", "preliminary") => EntryStatus.Provisional,
        _ => EntryStatus.Unknown,
    };

    private static EntryStatus Verification(JsonObject resource) =>
        Codes(resource["verificationStatus"]).FirstOrDefault() switch
        {
            null or "confirmed" or "refuted" => EntryStatus.Final,
            "unconfirmed" or "provisional" or "differential" => EntryStatus.Provisional,
            _ => EntryStatus.Unknown,
        };

    private static EntryStatus MedicationStatementStatus(string? status) => status switch
    {
        "active" or "completed" or "stopped" or "on-hold" or "intended" or "not-taken" => EntryStatus.Final,
        _ => EntryStatus.Unknown,
    };

    private static EntryStatus MedicationRequestStatus(string? status) => status switch
    {
        "active" or "on-hold" or "cancelled" or "completed" or "stopped" => EntryStatus.Final,
        "draft" => EntryStatus.Draft,
        _ => EntryStatus.Unknown,
    };

    private static EntryStatus ProcedureStatus(string? status) => status switch
    {
        "completed" or "not-done" or "stopped" => EntryStatus.Final,
        "preparation" or "in-progress" or "on-hold" => EntryStatus.Provisional,
        _ => EntryStatus.Unknown,
    };
}
