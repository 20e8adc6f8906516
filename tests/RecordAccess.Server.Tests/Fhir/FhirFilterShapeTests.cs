using Xunit;

namespace RecordAccess.Server.Tests.Fhir;

/// <summary>
/// <c>$filter</c> fails closed on every shape it does not understand (a resource that is not valid R4 is withheld,
/// whatever element is wrong), and nothing of a withheld resource survives in any form of reference to it.
/// </summary>
public sealed class FhirFilterShapeTests(PatientFhirFixture fixture) : IClassFixture<PatientFhirFixture>
{
    private const string Label = """{"system":"http://terminology.hl7.org/CodeSystem/v3-Confidentiality","code":"R"}""";
    private const string AccessCode = """{"coding":[{"system":"http://snomed.info/sct","code":"1364731000000104"}]}""";
    private const string Encounter = """{"resourceType":"Encounter","id":"e1","status":"finished","class":{"code":"AMB"},"period":{"start":"2024-01-05T09:00:00Z"}}""";
    private const string Prelim = """{"resourceType":"Observation","id":"o-prelim","status":"preliminary","code":{"text":"PSA"},"issued":"2024-01-06T10:00:00Z"}""";

    // Each resource is visible in its valid form ({X} = the valid element) and must be withheld in the malformed one.
    public static TheoryData<string, string, string> Shapes => new()
    {
        { "meta.security as an object", """{"resourceType":"Observation","id":"x","meta":{X},"status":"final","code":{"text":"BP"},"issued":"2024-01-05T10:00:00Z"}""", "{\"security\":[" + Label.Replace("\"R\"", "\"N\"", StringComparison.Ordinal) + "]}|{\"security\":" + Label + "}" },
        { "meta as an array", """{"resourceType":"Observation","id":"x","meta":{X},"status":"final","code":{"text":"BP"},"issued":"2024-01-05T10:00:00Z"}""", "{\"versionId\":\"1\"}|[{\"security\":[" + Label + "]}]" },
        { "code as an array", """{"resourceType":"Condition","id":"x","code":{X},"subject":{"reference":"Patient/p"},"recordedDate":"2024-01-05"}""", "{\"text\":\"Asthma\"}|[" + AccessCode + "]" },
        { "Encounter.type as an object", """{"resourceType":"Encounter","id":"x","status":"finished","class":{"code":"AMB"},"type":{X},"period":{"start":"2024-01-05T09:00:00Z"}}""", "[{\"text\":\"Visit\"}]|" + AccessCode },
        { "contained as an object", """{"resourceType":"Observation","id":"x","contained":{X},"status":"final","code":{"text":"BP"},"issued":"2024-01-05T10:00:00Z","performer":[{"reference":"#l"}]}""", "[{\"resourceType\":\"Practitioner\",\"id\":\"l\",\"name\":[{\"family\":\"Jones\"}]}]|{\"resourceType\":\"Practitioner\",\"id\":\"l\",\"meta\":{\"security\":[" + Label + "]}}" },
        { "result as an object", """{"resourceType":"DiagnosticReport","id":"x","status":"final","code":{"text":"FBC"},"issued":"2024-01-06T10:00:00Z","result":{X}}""", "[{\"reference\":\"Observation/o-prelim\"}]|{\"reference\":\"Observation/o-prelim\"}" },
        { "hasMember as an object", """{"resourceType":"Observation","id":"x","status":"final","code":{"text":"Panel"},"issued":"2024-01-06T10:00:00Z","hasMember":{X}}""", "[{\"reference\":\"Observation/o-prelim\"}]|{\"reference\":\"Observation/o-prelim\"}" },
        { "verificationStatus as an array", """{"resourceType":"Condition","id":"x","verificationStatus":{X},"subject":{"reference":"Patient/p"},"recordedDate":"2024-01-05"}""", "{\"coding\":[{\"code\":\"confirmed\"}]}|[{\"coding\":[{\"code\":\"entered-in-error\"}]}]" },
        { "context.encounter as an object", """{"resourceType":"DocumentReference","id":"x","status":"current","date":"2024-01-05T10:00:00Z","content":[{"attachment":{"title":"Letter"}}],"context":{"encounter":{X}}}""", "[{\"reference\":\"Encounter/e1\"}]|{\"reference\":\"Encounter/e1\"}" },
        { "status as a number", """{"resourceType":"Procedure","id":"x","status":{X},"subject":{"reference":"Patient/p"},"performedDateTime":"2024-01-05"}""", "\"completed\"|1" },
        { "an element R4 does not define", """{"resourceType":"Observation","id":"x",{X},"status":"final","code":{"text":"BP"},"issued":"2024-01-05T10:00:00Z"}""", "\"language\":\"en\"|\"securityLabel\":\"R\"" },
        { "a mandatory element missing", """{"resourceType":"MedicationStatement","id":"x","status":"active",{X}"subject":{"reference":"Patient/p"},"dateAsserted":"2024-01-05"}""", "\"medicationCodeableConcept\":{\"text\":\"Aspirin\"},|" },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task Filter_ElementNotInItsR4Shape_ResourceWithheld(string what, string template, string forms)
    {
        var (valid, malformed) = (forms.Split('|')[0], forms.Split('|')[1]);
        var shown = await FhirFilter.VisibleAsync(fixture, FhirPatients.Adult, FhirFilter.Bundle(Encounter, template.Replace("{X}", valid, StringComparison.Ordinal), Prelim));
        var hidden = await FhirFilter.VisibleAsync(fixture, FhirPatients.Adult, FhirFilter.Bundle(Encounter, template.Replace("{X}", malformed, StringComparison.Ordinal), Prelim));

        Assert.True(shown.Count == 2 && shown[1].EndsWith("/x", StringComparison.Ordinal), $"{what}: valid form not shown");
        Assert.True(hidden is ["Encounter/e1"], $"{what}: malformed form shown");
    }

    [Theory]
    [InlineData("""{"resourceType":"DiagnosticReport","id":"r","status":"preliminary","code":{"text":"HIV"},"issued":"2024-01-06T10:00:00Z","result":{"reference":"Observation/o"}}""")]
    [InlineData("""{"resourceType":"Observation","id":"r","meta":{"security":[{"code":"R"}]},"status":"final","code":{"text":"Panel"},"issued":"2024-01-06T10:00:00Z","hasMember":{"reference":"Observation/o"}}""")]
    [InlineData("""{"resourceType":"Encounter","id":"r","status":"finished","class":{"code":"AMB"},"type":[{"coding":[{"system":"http://snomed.info/sct","code":"1364731000000104"}]}],"period":{"start":"2024-01-05T09:00:00Z"},"diagnosis":{"condition":{"reference":"Condition/o"}}}""")]
    public async Task Filter_MalformedParentListingItsChildAsAnObject_ChildWithheldToo(string parent)
    {
        var child = parent.Contains("Condition/o", StringComparison.Ordinal)
            ? """{"resourceType":"Condition","id":"o","subject":{"reference":"Patient/p"},"recordedDate":"2024-01-06","encounter":{"reference":"Encounter/r"}}"""
            : """{"resourceType":"Observation","id":"o","status":"final","code":{"text":"HIV antibody"},"issued":"2024-01-06T10:00:00Z"}""";

        Assert.Empty(await FhirFilter.VisibleAsync(fixture, FhirPatients.Adult, FhirFilter.Bundle(parent, child)));
    }

    [Fact]
    public async Task Filter_ChildOfMalformedParent_Withheld()
    {
        var encounter = """{"resourceType":"Encounter","id":"e1","status":"finished","class":[{"code":"AMB"}],"period":{"start":"2024-01-05T09:00:00Z"}}""";
        var child = """{"resourceType":"Observation","id":"o1","status":"final","code":{"text":"BP"},"issued":"2024-01-05T10:00:00Z","encounter":{"reference":"Encounter/e1"}}""";

        Assert.Empty(await FhirFilter.VisibleAsync(fixture, FhirPatients.Adult, FhirFilter.Bundle(encounter, child)));
    }

    // Forms of reference to the withheld Observation (id o-prelim, fullUrl urn:uuid:6f1c…, identifier lab-123).
    public static TheoryData<string> ReferenceForms => new()
    {
        """{"reference":"Observation/o-prelim"}""",
        """{"reference":"Observation/o-prelim/"}""",
        """{"reference":"observation/o-prelim"}""",
        """{"reference":"Observation?_id=o-prelim"}""",
        """{"reference":"Observation?identifier=https://lab.example/id|lab-123"}""",
        """{"reference":"Observation?code=http://loinc.org|2857-1"}""",
        """{"reference":"https://gp.example/fhir/Observation/o-prelim/_history/2"}""",
        """{"reference":"urn:uuid:6F1C2A9E-3B4D-4E5F-8A6B-7C8D9E0F1A2B"}""",
        """{"reference":"urn:uuid:6f1c2a9e-3b4d-4e5f-8a6b-7c8d9e0f1a2b/"}""",
        """{"reference":"o-prelim"}""",
        """{"identifier":{"system":"https://lab.example/id","value":"lab-123"},"display":"HIV antibody test, positive"}""",
        """{"identifier":{"value":"lab-123"},"display":"HIV antibody test, positive"}""",
    };

    [Theory]
    [MemberData(nameof(ReferenceForms))]
    public async Task Filter_AnyFormOfReferenceToWithheldResource_RemovedWithItsDisplay(string reference)
    {
        var withheld = """{"fullUrl":"urn:uuid:6f1c2a9e-3b4d-4e5f-8a6b-7c8d9e0f1a2b","resource":{"resourceType":"Observation","id":"o-prelim","identifier":[{"system":"https://lab.example/id","value":"lab-123"}],"status":"preliminary","code":{"text":"HIV antibody test"},"issued":"2024-01-06T10:00:00Z"}}""";
        var report = $$$"""{"fullUrl":"https://gp.example/fhir/DiagnosticReport/r1","resource":{"resourceType":"DiagnosticReport","id":"r1","status":"final","code":{"text":"Bloods"},"issued":"2024-01-06T10:00:00Z","result":[{{{reference}}}]}}""";
        var condition = $$$"""{"fullUrl":"https://gp.example/fhir/Condition/c1","resource":{"resourceType":"Condition","id":"c1","subject":{"reference":"Patient/p"},"recordedDate":"2024-01-06","evidence":[{"detail":[{{{reference}}}]}]}}""";
        var bundle = $$"""{"resourceType":"Bundle","type":"collection","entry":[{{withheld}},{{report}},{{condition}}]}""";

        var body = await FhirFilter.RawAsync(fixture, FhirPatients.Adult, bundle);

        Assert.Equal("""{"resourceType":"Bundle","type":"collection","entry":[{"fullUrl":"https://gp.example/fhir/DiagnosticReport/r1","resource":{"resourceType":"DiagnosticReport","id":"r1","status":"final","code":{"text":"Bloods"},"issued":"2024-01-06T10:00:00Z"}},{"fullUrl":"https://gp.example/fhir/Condition/c1","resource":{"resourceType":"Condition","id":"c1","subject":{"reference":"Patient/p"},"recordedDate":"2024-01-06"}}]}""", body);
    }

    [Fact]
    public async Task Filter_IdentifierReferenceToVisibleResource_KeptWithItsDisplayButAQueryFormRemoved()
    {
        var visible = """{"resourceType":"Observation","id":"o1","identifier":[{"value":"lab-9"}],"status":"final","code":{"text":"Hb"},"issued":"2024-01-06T10:00:00Z"}""";
        var condition = """{"resourceType":"Condition","id":"c1","subject":{"reference":"Patient/p"},"recordedDate":"2024-01-06","evidence":[{"detail":[{"identifier":{"value":"lab-9"},"display":"Hb normal"},{"reference":"Observation?code=http://loinc.org|718-7"}]}]}""";

        var body = await FhirFilter.RawAsync(fixture, FhirPatients.Adult, FhirFilter.Bundle(visible, condition));

        Assert.Contains("Hb normal", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Observation?code=", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""[{"resource":{"resourceType":"Encounter","id":"e1","status":"finished","class":{"code":"AMB"}}}]""")]
    [InlineData("""[{"fullUrl":"urn:uuid:9a0c6d3e-1f2b-4c5d-8e7f-0a1b2c3d4e5f","resource":{"resourceType":"Encounter","id":"e1","status":"finished","class":{"code":"AMB"}}},{"fullUrl":"urn:uuid:9a0c6d3e-1f2b-4c5d-8e7f-0a1b2c3d4e5f","resource":{"resourceType":"Encounter","id":"e2","status":"finished","class":{"code":"AMB"}}}]""")]
    public async Task Filter_EntryWithoutFullUrlOrWithAnotherEntrysFullUrl_400NamingTheEntry(string entries)
    {
        using var client = fixture.Patient(FhirPatients.Adult);
        using var response = await client.PostAsync(
            new Uri($"/fhir/Patient/{FhirPatients.Adult}/$filter", UriKind.Relative),
            Infrastructure.FhirHost.FhirJson($$"""{"resourceType":"Bundle","type":"collection","entry":{{entries}}}"""));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("required", await PatientFhirFixture.IssueCodeAsync(response));
    }
}
