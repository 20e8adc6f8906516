using Microsoft.Playwright;
using RecordAccess.Browser.Tests.Infrastructure;
using Xunit;

namespace RecordAccess.Browser.Tests;

[Collection(BrowserSuite.Name)]
public sealed class PatientPageTests(StaffServer server)
{
    [Fact]
    public async Task Find_DisplayedForm_PatientPageWithPatientWordingAndWhy_NoNhsNumberInUrl()
    {
        var page = await StaffPage.SignInAsync(server);
        await page.GotoAsync("/patient/find");
        await StaffPage.CheckAsync(page, "03-find-patient");
        var requests = new List<string>();
        page.Request += (_, request) => requests.Add(request.Url);

        await StaffPage.OpenPatientAsync(page, "943 476 5978");

        await Assertions.Expect(page.GetByTestId("patient-wording")).ToHaveTextAsync("Your GP health record is not available to view online at the moment. Contact your GP surgery if you want to know more.");
        await Assertions.Expect(page.GetByTestId("why")).ToContainTextAsync("safeguarding flag (rule 7)");
        await Assertions.Expect(page.GetByTestId("flags")).ToHaveTextAsync("demo-flag-1");
        Assert.DoesNotContain(requests, url => url.Contains("9434765978", StringComparison.Ordinal) || url.Contains("5978", StringComparison.Ordinal));
        var response = await page.ReloadAsync();
        Assert.Equal("no-store", response!.Headers["cache-control"]);
        await StaffPage.CheckAsync(page, "04-patient-flagged");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Find_InvalidNhsNumber_ErrorSummaryAndInlineError()
    {
        var page = await StaffPage.SignInAsync(server);
        await page.GotoAsync("/patient/find");
        await page.GetByLabel("NHS number").FillAsync("943 476 5918");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find patient" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Enter a valid NHS number");
        await Assertions.Expect(page.Locator("#nhsNumber-error")).ToBeVisibleAsync();
        await StaffPage.CheckAsync(page, "03b-find-patient-error");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Find_PatientOfAnotherPractice_SameAnswerAsAnUnknownNumber()
    {
        var page = await StaffPage.SignInAsync(server, ods: "A81001");

        async Task<(int Status, string Alert)> FindAsync(string nhs)
        {
            await page.GotoAsync("/patient/find");
            await page.GetByLabel("NHS number").FillAsync(nhs);
            var response = await page.RunAndWaitForResponseAsync(
                () => page.GetByRole(AriaRole.Button, new() { Name = "Find patient" }).ClickAsync(),
                r => r.Request.Method == "POST");
            return (response.Status, await page.GetByRole(AriaRole.Alert).InnerTextAsync());
        }

        var unknown = await FindAsync("9000000009");
        var other = await FindAsync("9434765986");

        // Another practice's patient gets exactly the answer an unknown number gets, naming no practice (decision 0090).
        Assert.Equal(404, other.Status);
        Assert.Equal(unknown, other);
        Assert.Contains("No patient with this NHS number is registered at your practice", other.Alert, StringComparison.Ordinal);
        Assert.DoesNotContain("another practice", other.Alert, StringComparison.Ordinal);
        await StaffPage.CheckAsync(page, "03c-find-patient-other-practice");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task LiftFlag_NonClinicalRole_RefusedWith403AndFlagStays_ClinicalRoleLiftsIt()
    {
        var clerk = await StaffPage.SignInAsync(server, user: "clerk-1", role: "R8008");
        await StaffPage.OpenPatientAsync(clerk, "943 476 5978");

        var form = clerk.GetByTestId("form-LiftFlag-demo-flag-1");
        await form.GetByLabel("Reason").FillAsync("patient asked at the desk");
        var refused = await clerk.RunAndWaitForResponseAsync(() => form.GetByRole(AriaRole.Button).ClickAsync(), r => r.Request.Method == "POST");

        Assert.Equal(403, refused.Status);
        await Assertions.Expect(clerk.GetByRole(AriaRole.Alert)).ToContainTextAsync("needs a clinical role");
        await Assertions.Expect(clerk.GetByTestId("flags")).ToHaveTextAsync("demo-flag-1");
        await StaffPage.CheckAsync(clerk, "05-lift-flag-refused");
        await clerk.Context.CloseAsync();

        // The flag is still in force for a clinician who then lifts it; the patient's answer changes.
        var gp = await StaffPage.SignInAsync(server, user: "gp-1", role: "R0260");
        await StaffPage.OpenPatientAsync(gp, "943 476 5978");
        var lift = gp.GetByTestId("form-LiftFlag-demo-flag-1");
        await lift.GetByLabel("Reason").FillAsync("reviewed with the safeguarding lead");
        await lift.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(gp.GetByTestId("notice")).ToContainTextAsync("Safeguarding flag lifted");
        await Assertions.Expect(gp.GetByTestId("flags")).ToHaveTextAsync("None");
        await Assertions.Expect(gp.GetByTestId("patient-wording")).ToHaveTextAsync("You can view your GP health record online.");

        // Raised again by anyone: withholding never waits for a clinician.
        var raise = gp.GetByTestId("form-RaiseFlag");
        await raise.GetByLabel("Flag ID").FillAsync("demo-flag-1");
        await raise.GetByLabel("Reason").FillAsync("restore the demo state");
        await raise.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(gp.GetByTestId("flags")).ToHaveTextAsync("demo-flag-1");
        await gp.Context.CloseAsync();
    }

    [Fact]
    public async Task Change_WithoutReason_InlineErrorAndNothingChanges()
    {
        var page = await StaffPage.SignInAsync(server);
        await StaffPage.OpenPatientAsync(page, "9434765919");

        var form = page.GetByTestId("form-Redact");
        await form.GetByLabel("Entry ID").FillAsync("letter-42");
        var response = await page.RunAndWaitForResponseAsync(() => form.GetByRole(AriaRole.Button).ClickAsync(), r => r.Request.Method == "POST");

        Assert.Equal(422, response.Status);
        await Assertions.Expect(page.Locator("#Redact-reason-error")).ToContainTextAsync("required");
        await Assertions.Expect(page.GetByTestId("redacted")).ToHaveTextAsync("demo-letter-third-party");
        await StaffPage.CheckAsync(page, "06-patient-change-error");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Redact_DoubleSubmit_AppliedOnce()
    {
        var page = await StaffPage.SignInAsync(server);
        await StaffPage.OpenPatientAsync(page, "9434765919");
        await page.GotoAsync("/");
        var before = await page.GetByTestId("count-redacted").InnerTextAsync();
        await StaffPage.OpenPatientAsync(page, "9434765919");
        var form = page.GetByTestId("form-Redact");
        await form.GetByLabel("Entry ID").FillAsync("letter-double");
        await form.GetByLabel("Reason").FillAsync("third-party information");

        // The same form (same idempotency key) sent twice, as a double click or a resend does.
        var body = await page.EvaluateAsync<string>("() => new URLSearchParams(new FormData(document.querySelector('[data-testid=form-Redact]'))).toString()");
        var first = await page.APIRequest.PostAsync("/patient?handler=Redact", new() { Headers = new Dictionary<string, string> { ["content-type"] = "application/x-www-form-urlencoded" }, Data = body, MaxRedirects = 0 });
        var second = await page.APIRequest.PostAsync("/patient?handler=Redact", new() { Headers = new Dictionary<string, string> { ["content-type"] = "application/x-www-form-urlencoded" }, Data = body, MaxRedirects = 0 });

        Assert.Equal(302, first.Status);
        Assert.Equal(302, second.Status);
        await page.GotoAsync("/");
        Assert.Equal(int.Parse(before, System.Globalization.CultureInfo.InvariantCulture) + 1, int.Parse(await page.GetByTestId("count-redacted").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.GetByTestId("changes").GetByText("letter-double redacted")).ToHaveCountAsync(1);
        await page.Context.CloseAsync();
    }
}
