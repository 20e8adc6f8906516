using System.Globalization;
using Microsoft.Playwright;
using RecordAccess.Browser.Tests.Infrastructure;
using Xunit;

namespace RecordAccess.Browser.Tests;

[Collection(BrowserSuite.Name)]
public sealed class FlowTests(StaffServer server)
{
    private static int Number(string text) => int.Parse(text.Trim(), CultureInfo.InvariantCulture);

    [Fact]
    public async Task WhatWillThePatientSee_ListOfEntries_EachAnswerWithWhyAndParentChain()
    {
        var page = await StaffPage.SignInAsync(server);
        await StaffPage.OpenPatientAsync(page, "943 476 5919");
        await page.GetByRole(AriaRole.Link, new() { Name = "What will this patient see?" }).ClickAsync();
        await StaffPage.CheckAsync(page, "07-record-form");

        await page.GetByLabel("Entries").FillAsync(string.Join('\n',
            "consultation-1, 2024-03-01, consultation, final",
            "demo-letter-third-party, 2024-03-02, document, final",
            "code-under-letter, 2024-03-02, coded, final, , demo-letter-third-party",
            "result-1, 2024-03-03, testResult, provisional",
            "note-1, 2024-03-04, coded, final, R"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Show what the patient sees" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("record-summary")).ToContainTextAsync("1 of 5 entries are shown to the patient");
        await Assertions.Expect(page.GetByTestId("answer-consultation-1")).ToContainTextAsync("Yes");
        await Assertions.Expect(page.GetByTestId("answer-demo-letter-third-party")).ToContainTextAsync("entry redacted (rule 10)");
        await Assertions.Expect(page.GetByTestId("answer-code-under-letter")).ToContainTextAsync("demo-letter-third-party (Withheld: entry redacted (rule 10))");
        await Assertions.Expect(page.GetByTestId("answer-result-1")).ToContainTextAsync("rule 9");
        await Assertions.Expect(page.GetByTestId("answer-note-1")).ToContainTextAsync("rule 11");
        await StaffPage.CheckAsync(page, "07b-record-answers");

        await page.GetByLabel("Entries").FillAsync(" ");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show what the patient sees" }).ClickAsync();
        await Assertions.Expect(page.Locator("#entries-error")).ToBeVisibleAsync();
        await StaffPage.CheckAsync(page, "07c-record-error");
        await page.Context.CloseAsync();
    }

    /// <summary>
    /// A consultation (finished Encounter) with an R-labelled Observation that lists a plain Observation as a member,
    /// a final laboratory result and the patient's Patient resource: as $filter decides them, the consultation and the
    /// result are shown, the labelled child is withheld (rule 11) and its member through its parent (rule 12), and the
    /// Patient is not a record entry ($filter returns it as sent).
    /// </summary>
    private const string ConsultationBundle = """
        {"resourceType": "Bundle", "type": "collection", "entry": [
          {"fullUrl": "urn:uuid:3f1b6c1e-0000-4000-8000-000000000001", "resource": {"resourceType": "Patient", "id": "pat-1",
            "identifier": [{"system": "https://fhir.nhs.uk/Id/nhs-number", "value": "9434765919"}]}},
          {"fullUrl": "urn:uuid:3f1b6c1e-0000-4000-8000-000000000002", "resource": {"resourceType": "Encounter", "id": "enc-1", "status": "finished",
            "class": {"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "AMB"},
            "period": {"start": "2024-03-01T09:30:00Z"}}},
          {"fullUrl": "urn:uuid:3f1b6c1e-0000-4000-8000-000000000003", "resource": {"resourceType": "Observation", "id": "obs-r", "status": "final",
            "meta": {"security": [{"system": "http://terminology.hl7.org/CodeSystem/v3-Confidentiality", "code": "R"}]},
            "code": {"coding": [{"system": "http://snomed.info/sct", "code": "225337009"}]},
            "encounter": {"reference": "Encounter/enc-1"}, "effectiveDateTime": "2024-03-01T09:40:00Z",
            "hasMember": [{"reference": "Observation/obs-m"}]}},
          {"fullUrl": "urn:uuid:3f1b6c1e-0000-4000-8000-000000000004", "resource": {"resourceType": "Observation", "id": "obs-m", "status": "final",
            "code": {"coding": [{"system": "http://snomed.info/sct", "code": "271649006"}]}, "effectiveDateTime": "2024-03-01T09:45:00Z"}},
          {"fullUrl": "urn:uuid:3f1b6c1e-0000-4000-8000-000000000005", "resource": {"resourceType": "Observation", "id": "lab-1", "status": "final",
            "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "laboratory"}]}],
            "code": {"coding": [{"system": "http://snomed.info/sct", "code": "1022441000000101"}]}, "issued": "2024-03-03T10:00:00Z"}}
        ]}
        """;

    [Fact]
    public async Task WhatWillThePatientSee_FhirBundle_AnswersAsFilterDecidesThem()
    {
        var page = await StaffPage.SignInAsync(server);
        await StaffPage.OpenPatientAsync(page, "943 476 5919");
        await page.GetByRole(AriaRole.Link, new() { Name = "What will this patient see?" }).ClickAsync();

        await page.GetByLabel("FHIR Bundle (JSON)").FillAsync(ConsultationBundle);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show the answers for the Bundle" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("record-summary")).ToContainTextAsync("2 of 4 entries are shown to the patient");
        await Assertions.Expect(page.GetByTestId("answer-enc-1").Locator("td").Nth(1)).ToHaveTextAsync("Yes");
        await Assertions.Expect(page.GetByTestId("answer-lab-1").Locator("td").Nth(1)).ToHaveTextAsync("Yes");
        await Assertions.Expect(page.GetByTestId("answer-obs-r").Locator("td").Nth(1)).ToHaveTextAsync("No");
        await Assertions.Expect(page.GetByTestId("answer-obs-r")).ToContainTextAsync("rule 11");
        await Assertions.Expect(page.GetByTestId("answer-obs-m").Locator("td").Nth(1)).ToHaveTextAsync("No");
        await Assertions.Expect(page.GetByTestId("answer-obs-m").Locator("td").Nth(3)).ToContainTextAsync("obs-r (Withheld:");
        await Assertions.Expect(page.GetByTestId("not-entry-Patient-pat-1")).ToContainTextAsync("not a record entry");
        await Assertions.Expect(page.GetByTestId("not-entry-Patient-pat-1")).ToContainTextAsync("Yes, as sent");
        await StaffPage.CheckAsync(page, "07d-record-bundle-answers");

        await page.GetByLabel("FHIR Bundle (JSON)").FillAsync("{\"resourceType\": \"Bundle\", \"type\": \"collection\", \"entry\": [");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show the answers for the Bundle" }).ClickAsync();
        await Assertions.Expect(page.Locator(".nhsuk-error-summary")).ToContainTextAsync("The Bundle cannot be read");
        await Assertions.Expect(page.Locator("#bundle-error")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("record-answers")).ToHaveCountAsync(0);
        await StaffPage.CheckAsync(page, "07e-record-bundle-error");

        await page.GetByLabel("FHIR Bundle (JSON)").FillAsync(ConsultationBundle.Replace("\"fullUrl\": \"urn:uuid:3f1b6c1e-0000-4000-8000-000000000004\", ", string.Empty, StringComparison.Ordinal));
        await page.GetByRole(AriaRole.Button, new() { Name = "Show the answers for the Bundle" }).ClickAsync();
        await Assertions.Expect(page.Locator("#bundle-error")).ToContainTextAsync("Bundle.entry[3].fullUrl");
        await Assertions.Expect(page.GetByTestId("record-answers")).ToHaveCountAsync(0);

        // The same Bundle uploaded as a file (the text box emptied) gives the same answers.
        await page.GetByLabel("FHIR Bundle (JSON)").FillAsync(string.Empty);
        await page.GetByLabel("Or upload the Bundle as a file").SetInputFilesAsync(new FilePayload
        {
            Name = "record.json", MimeType = "application/fhir+json", Buffer = System.Text.Encoding.UTF8.GetBytes(ConsultationBundle),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Show the answers for the Bundle" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("record-summary")).ToContainTextAsync("2 of 4 entries are shown to the patient");
        await Assertions.Expect(page.GetByTestId("answer-obs-m").Locator("td").Nth(3)).ToContainTextAsync("obs-r (Withheld:");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Settings_PreviewThenSave_PreviewNumbersMatchTheStateAfterwards()
    {
        var page = await StaffPage.SignInAsync(server, user: "manager-2", ods: "A81002", role: "R8008");
        var before = Number(await page.GetByTestId("count-access").InnerTextAsync());
        await page.GetByRole(AriaRole.Link, new() { Name = "Change practice settings" }).ClickAsync();
        await StaffPage.CheckAsync(page, "08-settings");

        await page.GetByLabel("Not opted out").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview the change" }).ClickAsync();
        await Assertions.Expect(page.Locator("#reason-error")).ToBeVisibleAsync();
        await StaffPage.CheckAsync(page, "08b-settings-error");

        await page.GetByLabel("Not opted out").CheckAsync();
        await page.GetByLabel("Reason").FillAsync("the practice is ready for online access");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview the change" }).ClickAsync();
        var gain = Number(await page.GetByTestId("preview-gain").InnerTextAsync());
        var lose = Number(await page.GetByTestId("preview-lose").InnerTextAsync());
        await StaffPage.CheckAsync(page, "08c-settings-preview");
        Assert.Equal(1, gain);
        Assert.Equal(0, lose);

        await page.GetByRole(AriaRole.Button, new() { Name = "Save these settings" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("opt-out")).ToHaveTextAsync("Not opted out");
        Assert.Equal(before + gain - lose, Number(await page.GetByTestId("count-access").InnerTextAsync()));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Batch_AboveThreshold_NeedsASecondApproverAndPreviewMatchesTheStateAfterwards()
    {
        var rows = "nhs_number\n9434765900\n943 476 5927\n9434765935\n9434765951";
        var first = await StaffPage.SignInAsync(server, user: "manager-1", role: "R8008");
        var before = Number(await first.GetByTestId("count-access").InnerTextAsync());
        await first.GotoAsync("/batch");
        await StaffPage.CheckAsync(first, "10-batch");

        // Invalid rows are listed line by line and nothing can be applied.
        await first.GetByLabel("NHS numbers (CSV)").FillAsync("9434765900\n1234567890\n9434765986");
        await first.GetByLabel("106: enhanced review not indicated").CheckAsync();
        await first.GetByLabel("Reason").FillAsync("reviewed by the GP");
        await first.GetByRole(AriaRole.Button, new() { Name = "Preview the batch" }).ClickAsync();
        await Assertions.Expect(first.GetByTestId("invalid-rows")).ToContainTextAsync("patient is not registered at this practice");
        await Assertions.Expect(first.GetByTestId("preview-invalid")).ToHaveTextAsync("2");
        await StaffPage.CheckAsync(first, "10b-batch-invalid-rows");

        await first.GetByLabel("NHS numbers (CSV)").FillAsync(rows);
        await first.GetByRole(AriaRole.Button, new() { Name = "Preview the batch" }).ClickAsync();
        var gain = Number(await first.GetByTestId("preview-gain").InnerTextAsync());
        var lose = Number(await first.GetByTestId("preview-lose").InnerTextAsync());
        Assert.Equal((1, 0), (gain, lose));
        await StaffPage.CheckAsync(first, "10c-batch-preview");
        await first.GetByRole(AriaRole.Button, new() { Name = "Send for approval" }).ClickAsync();
        await Assertions.Expect(first.GetByTestId("notice")).ToContainTextAsync("waiting for a second member of staff");
        await Assertions.Expect(first.GetByTestId("waiting-patients")).ToContainTextAsync("4 rows");

        // The one who prepared it cannot approve it.
        var own = await first.RunAndWaitForResponseAsync(() => first.GetByRole(AriaRole.Button, new() { Name = "Approve and apply" }).ClickAsync(), r => r.Request.Method == "POST");
        Assert.Equal(403, own.Status);
        await Assertions.Expect(first.GetByRole(AriaRole.Alert)).ToContainTextAsync("a second member of staff must approve it");
        await StaffPage.CheckAsync(first, "10d-batch-own-approval-refused");
        await first.GotoAsync("/");
        Assert.Equal(before, Number(await first.GetByTestId("count-access").InnerTextAsync()));

        var second = await StaffPage.SignInAsync(server, user: "gp-2", role: "R8000");
        await second.GotoAsync("/batch");
        var body = await second.EvaluateAsync<string>("() => new URLSearchParams(new FormData(document.querySelector('form[action=\"/batch?handler=Approve\"]'))).toString()");
        await second.GetByRole(AriaRole.Button, new() { Name = "Approve and apply" }).ClickAsync();
        await Assertions.Expect(second.GetByRole(AriaRole.Heading, new() { Name = "Practice overview" })).ToBeVisibleAsync();
        Assert.Equal(before + gain - lose, Number(await second.GetByTestId("count-access").InnerTextAsync()));
        var codedAfter = Number(await second.GetByTestId("count-106").InnerTextAsync());

        // The same approval sent again does not apply twice.
        var again = await second.APIRequest.PostAsync("/batch?handler=Approve", new() { Headers = new Dictionary<string, string> { ["content-type"] = "application/x-www-form-urlencoded" }, Data = body, MaxRedirects = 0 });
        Assert.Equal(409, again.Status);
        await second.GotoAsync("/");
        Assert.Equal(codedAfter, Number(await second.GetByTestId("count-106").InnerTextAsync()));
        await Assertions.Expect(second.GetByTestId("changes")).ToContainTextAsync("prepared by manager-1");
        await first.Context.CloseAsync();
        await second.Context.CloseAsync();
    }

    [Fact]
    public async Task History_ChangesDecisionsAndReplayAsOfADate()
    {
        var page = await StaffPage.SignInAsync(server);
        await StaffPage.OpenPatientAsync(page, "943 476 5919");
        await page.GetByRole(AriaRole.Link, new() { Name = "History and audit" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("changes")).ToContainTextAsync("historic access from 1 January 2015");
        await Assertions.Expect(page.GetByTestId("decisions")).ToContainTextAsync("staff:555123456789@A81001");
        await StaffPage.CheckAsync(page, "11-history");

        await page.GetByLabel("Entry").FillAsync("demo-letter-third-party, 2024-02-20, document, final");
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await page.GetByLabel("Date").FillAsync(today);
        await page.GetByRole(AriaRole.Button, new() { Name = "Explain" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("replay-reason")).ToContainTextAsync("entry redacted (rule 10)");

        // Before any change was recorded (the demo data is written today), nothing about this patient was known.
        await page.GetByLabel("Date").FillAsync("2024-03-03");
        await page.GetByRole(AriaRole.Button, new() { Name = "Explain" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("replay-reason")).ToContainTextAsync("rule 0");
        await StaffPage.CheckAsync(page, "11b-history-replay");

        await page.GetByLabel("Date").FillAsync("3 March");
        await page.GetByRole(AriaRole.Button, new() { Name = "Explain" }).ClickAsync();
        await Assertions.Expect(page.Locator("#onDate-error")).ToBeVisibleAsync();
        await StaffPage.CheckAsync(page, "11c-history-error");
        await page.Context.CloseAsync();
    }
}
