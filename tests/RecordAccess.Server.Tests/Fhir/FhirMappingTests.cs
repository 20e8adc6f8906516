using Xunit;

namespace RecordAccess.Server.Tests.Fhir;

/// <summary>
/// Every row of docs/fhir-mapping.md: each resource type's recorded-date element decides "prospective" (the access
/// start is 2023-10-31), its final status shows, its not-final and entered-in-error statuses withhold.
/// </summary>
public sealed class FhirMappingTests(PatientFhirFixture fixture) : IClassFixture<PatientFhirFixture>
{
    // Template, final status, not-final status ("" when the type has none), withheld status. {D} = recorded date, {S} = status.
    public static TheoryData<string, string, string, string> Rows => new()
    {
        { """{"resourceType":"Encounter","id":"x","status":"{S}","class":{"code":"AMB"},"period":{"start":"{D}T09:00:00+00:00"}}""", "finished", "in-progress", "entered-in-error" },
        { """{"resourceType":"Observation","id":"x","status":"{S}","code":{"text":"BP"},"issued":"{D}T10:00:00Z","effectiveDateTime":"2020-01-01"}""", "final", "preliminary", "entered-in-error" },
        { """{"resourceType":"DiagnosticReport","id":"x","status":"{S}","code":{"text":"FBC"},"issued":"{D}T10:00:00Z"}""", "final", "partial", "cancelled" },
        { """{"resourceType":"DocumentReference","id":"x","status":"current","docStatus":"{S}","date":"{D}T10:00:00Z","content":[{"attachment":{"title":"Letter"}}]}""", "final", "preliminary", "" },
        { """{"resourceType":"Condition","id":"x","subject":{"reference":"Patient/p"},"verificationStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-ver-status","code":"{S}"}]},"recordedDate":"{D}","onsetDateTime":"2001-01-01"}""", "confirmed", "provisional", "entered-in-error" },
        { """{"resourceType":"MedicationStatement","id":"x","status":"{S}","subject":{"reference":"Patient/p"},"medicationCodeableConcept":{"text":"Aspirin"},"dateAsserted":"{D}"}""", "active", "", "entered-in-error" },
        { """{"resourceType":"MedicationRequest","id":"x","status":"{S}","intent":"order","subject":{"reference":"Patient/p"},"medicationCodeableConcept":{"text":"Aspirin"},"authoredOn":"{D}"}""", "active", "draft", "entered-in-error" },
        { """{"resourceType":"AllergyIntolerance","id":"x","patient":{"reference":"Patient/p"},"clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical","code":"active"}]},"verificationStatus":{"coding":[{"code":"{S}"}]},"recordedDate":"{D}"}""", "confirmed", "unconfirmed", "entered-in-error" },
        { """{"resourceType":"Procedure","id":"x","status":"{S}","subject":{"reference":"Patient/p"},"performedDateTime":"{D}"}""", "completed", "in-progress", "entered-in-error" },
        { """{"resourceType":"Immunization","id":"x","status":"{S}","vaccineCode":{"text":"Flu"},"patient":{"reference":"Patient/p"},"recorded":"{D}","occurrenceDateTime":"2001-01-01"}""", "completed", "", "entered-in-error" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Filter_FinalRecordedAfterAccessStart_Visible(string template, string final, string notFinal, string withheld)
    {
        _ = (notFinal, withheld);
        Assert.Single(await Visible(template, "2024-01-05", final));
        Assert.Single(await Visible(template, "2023-10-31", final));
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Filter_RecordedBeforeAccessStart_Withheld(string template, string final, string notFinal, string withheld)
    {
        _ = (notFinal, withheld);
        Assert.Empty(await Visible(template, "2023-10-30", final));
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Filter_NotFinalOrErrorStatus_Withheld(string template, string final, string notFinal, string withheld)
    {
        _ = final;
        foreach (var status in new[] { notFinal, withheld, "no-such-status" }.Where(s => s.Length > 0))
        {
            Assert.Empty(await Visible(template, "2024-01-05", status));
        }
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Filter_SensitiveLabelOrPartialDate_Withheld(string template, string final, string notFinal, string withheld)
    {
        _ = (notFinal, withheld);
        var labelled = template.Replace("\"id\":\"x\",", "\"id\":\"x\",\"meta\":{\"security\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/v3-Confidentiality\",\"code\":\"R\"}]},", StringComparison.Ordinal);
        Assert.Empty(await Visible(labelled, "2024-01-05", final));
        Assert.Empty(await Visible(template, "2024-01", final));
    }

    [Fact]
    public async Task Filter_UnknownResourceTypeOrNoId_Withheld()
    {
        var bundle = FhirFilter.Bundle(
            """{"resourceType":"CarePlan","id":"c","status":"active","intent":"plan","subject":{"reference":"Patient/p"}}""",
            """{"resourceType":"Observation","status":"final","code":{"text":"BP"},"issued":"2024-01-05T10:00:00Z"}""");

        Assert.Empty(await FhirFilter.VisibleAsync(fixture, FhirPatients.Adult, bundle));
    }

    [Fact]
    public async Task Filter_DateTimeJustAfterUkMidnight_CountsAsThatUkDay()
    {
        // BST ended on 29 October 2023, so London is on UTC: 23:30Z on the 30th is still the 30th there.
        Assert.Empty(await Visible(Row(1), "2023-10-30T23:30:00Z", "final"));
        Assert.Single(await Visible(Row(1), "2023-10-31T00:30:00Z", "final"));
    }

    // A resource per element the entry's code is read from; {C} = the codings.
    public static TheoryData<string> Coded => new()
    {
        """{"resourceType":"Observation","id":"x","status":"final","code":{"coding":[{C}]},"issued":"2024-01-05T10:00:00Z"}""",
        """{"resourceType":"Condition","id":"x","subject":{"reference":"Patient/p"},"code":{"coding":[{C}]},"recordedDate":"2024-01-05"}""",
        """{"resourceType":"Procedure","id":"x","status":"completed","subject":{"reference":"Patient/p"},"code":{"coding":[{C}]},"performedDateTime":"2024-01-05"}""",
        """{"resourceType":"DocumentReference","id":"x","status":"current","type":{"coding":[{C}]},"date":"2024-01-05T10:00:00Z","content":[{"attachment":{"title":"Letter"}}]}""",
        """{"resourceType":"Encounter","id":"x","status":"finished","class":{"code":"AMB"},"type":[{"coding":[{C}]}],"period":{"start":"2024-01-05T09:00:00+00:00"}}""",
        """{"resourceType":"Immunization","id":"x","status":"completed","vaccineCode":{"coding":[{C}]},"patient":{"reference":"Patient/p"},"recorded":"2024-01-05","occurrenceDateTime":"2024-01-05"}""",
        """{"resourceType":"MedicationStatement","id":"x","status":"active","subject":{"reference":"Patient/p"},"medicationCodeableConcept":{"coding":[{C}]},"dateAsserted":"2024-01-05"}""",
    };

    [Theory]
    [MemberData(nameof(Coded))]
    public async Task Filter_EntryRecordsAnAccessCodeOrAnInvalidOne_WithheldElseDecidedAsUncoded(string template)
    {
        static string Snomed(string code) => $$"""{"system":"http://snomed.info/sct","code":"{{code}}"}""";
        async Task<bool> ShownAsync(params string[] codings) =>
            (await FhirFilter.VisibleAsync(fixture, FhirPatients.Adult, FhirFilter.Bundle(template.Replace("{C}", string.Join(",", codings), StringComparison.Ordinal)))).Count == 1;

        // Each of the three online-access codes (rule 11a), also beside an unrelated code; a SNOMED CT code that is not a
        // valid concept id (rule 0); a valid unrelated code or an access code of another system decide nothing.
        Assert.False(await ShownAsync(Snomed("1364731000000104")));
        Assert.False(await ShownAsync(Snomed("1364751000000106")));
        Assert.False(await ShownAsync(Snomed("38341003"), Snomed("1290331000000103")));
        Assert.False(await ShownAsync(Snomed("1364731000000105")));
        Assert.True(await ShownAsync(Snomed("38341003")));
        Assert.True(await ShownAsync("""{"system":"http://read.info/ctv3","code":"1364731000000104"}"""));
    }

    [Fact]
    public async Task Filter_ConsultationRecordingAnAccessCode_ItsEntriesWithheldToo()
    {
        var bundle = FhirFilter.Bundle(
            """{"resourceType":"Encounter","id":"enc","status":"finished","class":{"code":"AMB"},"type":[{"coding":[{"system":"http://snomed.info/sct","code":"1364731000000104"}]}],"period":{"start":"2024-01-05T09:00:00+00:00"}}""",
            """{"resourceType":"Observation","id":"obs","status":"final","code":{"text":"BP"},"issued":"2024-01-05T10:00:00Z","encounter":{"reference":"Encounter/enc"}}""",
            """{"resourceType":"Observation","id":"other","status":"final","code":{"text":"BP"},"issued":"2024-01-05T10:00:00Z"}""");

        Assert.Equal(["Observation/other"], await FhirFilter.VisibleAsync(fixture, FhirPatients.Adult, bundle));
    }

    private static string Row(int i) => ((string)Rows.ElementAt(i)[0]).Replace("{D}T10:00:00Z", "{D}", StringComparison.Ordinal);

    private Task<IReadOnlyList<string>> Visible(string template, string date, string status)
    {
        var resource = template.Replace("{D}", date, StringComparison.Ordinal).Replace("{S}", status, StringComparison.Ordinal);
        return FhirFilter.VisibleAsync(fixture, FhirPatients.Adult, FhirFilter.Bundle(resource));
    }
}
