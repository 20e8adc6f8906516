using System.Text.Json.Nodes;
using RecordAccess.Core.Model;
using static RecordAccess.Server.Fhir.Mapping.FhirJsonRead;

namespace RecordAccess.Server.Fhir.Mapping;

/// <summary>
/// Maps one record resource to entry facts (the table in docs/fhir-mapping.md). The recorded date is the element
/// that says when the entry was recorded in the GP system; where R4 has none, the clinical start date, which is
/// never later than the recording (so a boundary entry is withheld, never shown early). Statuses the rule table
/// has no word for (entered-in-error, cancelled, unknown…) map to Unknown: the entry is withheld (rule 0) and so
/// are its children. A resource type not in the table is not a record entry and is withheld.
/// </summary>
internal static class ResourceMapping
{
    private const string ObservationCategory = "http://terminology.hl7.org/CodeSystem/observation-category";

    public static readonly string[] Types =
    [
        "Encounter", "Observation", "DiagnosticReport", "DocumentReference", "Condition",
        "MedicationStatement", "MedicationRequest", "AllergyIntolerance", "Procedure", "Immunization",
    ];

    /// <summary>The facts of a resource of a known type; null for any other type.</summary>
    /// <param name="resource">The resource.</param>
    /// <param name="isResult">True when a DiagnosticReport lists it as a result (it is then a test result).</param>
    public static ResourceFacts? Map(JsonObject resource, bool isResult) => String(resource, "resourceType") switch
    {
        "Encounter" => new(EntryKind.Consultation, EncounterStatus(String(resource, "status")), Date(String(Object(resource, "period"), "start")), []),
        "Observation" => new(
            isResult || Codes(resource["category"], ObservationCategory).Any(c => c is "laboratory" or "imaging") ? EntryKind.TestResult : EntryKind.Coded,
            ResultStatus(String(resource, "status")),
            Date(String(resource, "issued") ?? ChoiceDate(resource, "effective")),
            Context(resource, "encounter")),
        "DiagnosticReport" => new(EntryKind.TestResult, ResultStatus(String(resource, "status")), Date(String(resource, "issued") ?? ChoiceDate(resource, "effective")), Context(resource, "encounter")),
        "DocumentReference" => new(EntryKind.Document, DocumentStatus(String(resource, "status"), String(resource, "docStatus")), Date(String(resource, "date")), [.. Array(Object(resource, "context"), "encounter").OfType<JsonObject>()]),
        "Condition" => new(EntryKind.Coded, Verification(resource), Date(String(resource, "recordedDate") ?? ChoiceDate(resource, "onset")), Context(resource, "encounter")),
        "AllergyIntolerance" => new(EntryKind.Coded, Verification(resource), Date(String(resource, "recordedDate") ?? ChoiceDate(resource, "onset")), Context(resource, "encounter")),
        "MedicationStatement" => new(EntryKind.Medication, MedicationStatementStatus(String(resource, "status")), Date(String(resource, "dateAsserted") ?? ChoiceDate(resource, "effective")), Context(resource, "context")),
        "MedicationRequest" => new(EntryKind.Medication, MedicationRequestStatus(String(resource, "status")), Date(String(resource, "authoredOn")), Context(resource, "encounter")),
        "Procedure" => new(EntryKind.Coded, ProcedureStatus(String(resource, "status")), Date(ChoiceDate(resource, "performed")), Context(resource, "encounter")),
        "Immunization" => new(EntryKind.Coded, String(resource, "status") is "completed" or "not-done" ? EntryStatus.Final : EntryStatus.Unknown, Date(String(resource, "recorded") ?? String(resource, "occurrenceDateTime")), Context(resource, "encounter")),
        _ => null,
    };

    /// <summary>
    /// Reference elements a resource cannot be valid without (cardinality 1..1): if such a reference names a withheld
    /// resource, the referencing resource is withheld rather than left invalid.
    /// </summary>
    public static IReadOnlyList<string> RequiredReferences(string? type) => type switch
    {
        "Condition" or "Procedure" => ["subject"],
        "MedicationStatement" or "MedicationRequest" => ["subject", "medicationReference"],
        "AllergyIntolerance" or "Immunization" => ["patient"],
        _ => [],
    };

    private static InputDate Date(string? text) => FhirDates.ToUkDate(text);

    private static JsonObject[] Context(JsonObject resource, string name) => resource[name] is JsonObject reference ? [reference] : [];

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
