using System.Text.Json.Nodes;
using Xunit;

namespace RecordAccess.Server.Tests.Fhir;

/// <summary>
/// A realistic GP record as a <c>$everything</c> searchset (Bundles/gp-record-everything.json): the patient, their
/// practice, GP, roles, locations and a medication beside every mapped record type; a superseded letter, an
/// entered-in-error Condition, a labelled consultation, a preliminary result, a Media, a labelled location and role,
/// a historic Condition. What the rules withhold is gone with every reference to it (with the elements R4 cannot keep
/// without their reference); nothing else is lost; the output parses strictly as R4 (<see cref="FhirFilter.RawAsync"/>).
/// </summary>
public sealed class FhirFilterRecordTests(PatientFhirFixture fixture) : IClassFixture<PatientFhirFixture>
{
    private static readonly string[] Shown =
    [
        "Patient/p", "Organization/org", "Practitioner/gp1", "PractitionerRole/role1", "Location/loc1", "Medication/med1",
        "Encounter/enc1", "Condition/cond1", "Observation/obs-bp", "DiagnosticReport/dr1", "Observation/obs-hb",
        "DocumentReference/letter-new", "Procedure/proc1", "Immunization/imm1", "MedicationRequest/mr1",
        "MedicationStatement/ms1", "AllergyIntolerance/allergy2", "Observation/panel1", "Observation/obs-chol",
    ];

    private static readonly string[] Withheld =
    [
        "role-hidden", "loc-refuge", "loc-clinic", "enc-hidden", "cond-eie", "obs-psa", "media1", "letter-old", "mr-draft", "allergy1", "obs-hdl", "cond-old",
    ];

    /// <summary>The visible resources that referred to something withheld (everything else must come back exactly as sent).</summary>
    private static readonly string[] Pruned = ["enc1", "dr1", "letter-new", "proc1", "imm1", "ms1", "panel1"];

    private static string Record() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fhir", "Bundles", "gp-record-everything.json"));

    [Fact]
    public async Task Filter_EverythingBundle_ShowsWhatTheRulesAllowAndNoTraceOfTheRest()
    {
        var input = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fhir", "Bundles", "gp-record-everything.json"));
        var body = await FhirFilter.RawAsync(fixture, FhirPatients.Adult, input);
        var output = Resources(JsonNode.Parse(body)!);

        Assert.Equal(Shown, Types(body));
        foreach (var id in Withheld)
        {
            Assert.DoesNotContain(id, body, StringComparison.Ordinal);
        }

        foreach (var text in new[] { "Safe house", "Depression", "PSA", "draft wording", "Sexual health", "Sertraline", "HDL", "Genitourinary", "security" })
        {
            Assert.DoesNotContain(text, body, StringComparison.Ordinal);
        }

        // Nothing the rules do not withhold is lost: every resource that named nothing withheld is byte-for-byte as sent.
        var sent = Resources(JsonNode.Parse(input)!);
        foreach (var (key, resource) in output.Where(r => !Pruned.Contains(r.Key.Split('/')[1])))
        {
            var expected = sent[key]!.DeepClone().AsObject();
            expected.Remove("meta");
            Assert.True(JsonNode.DeepEquals(expected, resource), $"{key} changed: {resource.ToJsonString()}");
        }

        // Required references inside repeating elements take their element; optional ones go alone; narratives go.
        Assert.Equal(["Location/loc1"], Refs(output["Encounter/enc1"]["location"], "location"));
        Assert.Equal(["Condition/cond1"], Refs(output["Encounter/enc1"]["diagnosis"], "condition"));
        Assert.Null(output["Encounter/enc1"]["text"]);
        Assert.Equal(["Observation/obs-hb"], Refs(output["DiagnosticReport/dr1"]["result"]));
        Assert.Null(output["DiagnosticReport/dr1"]["media"]);
        Assert.Null(output["DocumentReference/letter-new"]["relatesTo"]);
        Assert.Equal(["Practitioner/gp1"], Refs(output["Procedure/proc1"]["performer"], "actor"));
        Assert.Null(output["Immunization/imm1"]["performer"]);
        Assert.Null(output["MedicationStatement/ms1"]["derivedFrom"]);
        Assert.Equal(["Observation/obs-chol"], Refs(output["Observation/panel1"]["hasMember"]));
    }

    [Fact]
    public async Task Filter_EverythingBundleWithoutTheNonEntryResources_SameRecordEntriesShown()
    {
        var input = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fhir", "Bundles", "gp-record-everything.json")))!;
        var everything = await FhirFilter.VisibleAsync(fixture, FhirPatients.Adult, input.ToJsonString());
        var entries = input["entry"]!.AsArray();
        foreach (var entry in entries.ToList().Where(e => IsNonEntry($"{e!["resource"]!["resourceType"]}/")))
        {
            entries.Remove(entry);
        }

        var recordOnly = await FhirFilter.VisibleAsync(fixture, FhirPatients.Adult, input.ToJsonString());

        Assert.Equal(everything.Where(r => !IsNonEntry(r)), recordOnly);
        Assert.Equal(13, recordOnly.Count);
    }

    [Fact]
    public async Task Filter_PatientResourceAdded_NoEntryDisappears()
    {
        const string Patient = """{"resourceType":"Patient","id":"p","identifier":[{"system":"https://fhir.nhs.uk/Id/nhs-number","value":"9434765919"}]}""";
        const string Condition = """{"resourceType":"Condition","id":"c1","subject":{"reference":"Patient/p"},"recordedDate":"2024-01-05"}""";
        const string Immunization = """{"resourceType":"Immunization","id":"i1","status":"completed","vaccineCode":{"text":"Flu"},"patient":{"reference":"Patient/p"},"occurrenceDateTime":"2024-01-05"}""";
        const string Request = """{"resourceType":"MedicationRequest","id":"m1","status":"active","intent":"order","medicationReference":{"reference":"Medication/med"},"subject":{"reference":"Patient/p"},"authoredOn":"2024-01-05"}""";
        const string Medication = """{"resourceType":"Medication","id":"med","code":{"text":"Aspirin"}}""";

        Assert.Equal(
            ["Patient/p", "Condition/c1", "Immunization/i1", "MedicationRequest/m1", "Medication/med"],
            await FhirFilter.VisibleAsync(fixture, FhirPatients.Adult, FhirFilter.Bundle(Patient, Condition, Immunization, Request, Medication)));
    }

    [Fact]
    public async Task Filter_LabelledMedicationOrMalformedPractitioner_WithheldAndReferencesGoWithIt()
    {
        const string Medication = """{"resourceType":"Medication","id":"med","meta":{"security":[{"code":"R"}]},"code":{"text":"Emtricitabine"}}""";
        const string Request = """{"resourceType":"MedicationRequest","id":"m1","status":"active","intent":"order","medicationReference":{"reference":"Medication/med","display":"Emtricitabine"},"subject":{"reference":"Patient/p"},"authoredOn":"2024-01-05"}""";
        const string Practitioner = """{"resourceType":"Practitioner","id":"gp","name":{"family":"Jones"}}""";
        const string Condition = """{"resourceType":"Condition","id":"c1","subject":{"reference":"Patient/p"},"recorder":{"reference":"Practitioner/gp","display":"Dr Jones"},"recordedDate":"2024-01-05"}""";

        var body = await FhirFilter.RawAsync(fixture, FhirPatients.Adult, FhirFilter.Bundle(Medication, Request, Practitioner, Condition));

        Assert.Equal(["Condition/c1"], Types(body));
        Assert.DoesNotContain("Emtricitabine", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Jones", body, StringComparison.Ordinal);
    }

    private static bool IsNonEntry(string key) =>
        key.Split('/')[0] is "Patient" or "Organization" or "Practitioner" or "PractitionerRole" or "Location" or "Medication";

    private static List<string> Types(string body) =>
        [.. (JsonNode.Parse(body)!["entry"] as JsonArray ?? []).Select(e => $"{e!["resource"]!["resourceType"]}/{e["resource"]!["id"]}")];

    private static Dictionary<string, JsonObject> Resources(JsonNode bundle) =>
        (bundle["entry"] as JsonArray ?? []).Select(e => e!["resource"]!.AsObject())
            .ToDictionary(r => $"{r["resourceType"]}/{r["id"]}", r => r);

    private static List<string?> Refs(JsonNode? array, string? member = null) =>
        [.. (array as JsonArray ?? []).Select(e => (string?)(member is null ? e : e![member])!["reference"])];

    [Fact]
    public async Task Filter_EverythingBundleEveryEntryWithheld_SameEmptyBundleForEveryCause()
    {
        // The patient's own Patient, practitioners, organisations, locations and medications are shown only when a shown
        // entry names them: a flagged patient, a practice not yet switched on and a restricted patient get nothing.
        var bodies = new HashSet<string>(StringComparer.Ordinal)
        {
            await FhirFilter.RawAsync(fixture, FhirPatients.Flagged, Record()),
            await FhirFilter.RawAsync(fixture, FhirPatients.NotYetSwitchedOn, Record()),
            await FhirFilter.RawAsync(fixture, FhirPatients.Restricted, Record()),
        };

        Assert.Equal("""{"resourceType":"Bundle","type":"collection"}""", Assert.Single(bodies));
    }
}
