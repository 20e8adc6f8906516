using Microsoft.Playwright;
using RecordAccess.Browser.Tests.Infrastructure;
using Xunit;

namespace RecordAccess.Browser.Tests;

[Collection(BrowserSuite.Name)]
public sealed class SignInTests(StaffServer server)
{
    [Fact]
    public async Task Root_NotSignedIn_LeadsToDevelopmentSignInThenOverview()
    {
        var page = await StaffPage.SignInAsync(server, screenshot: "01-development-sign-in");

        await Assertions.Expect(page.GetByTestId("signed-in-as")).ToContainTextAsync("555123456789, A81001, role R8000");
        await Assertions.Expect(page.GetByTestId("count-registered")).ToHaveTextAsync("7");
        await Assertions.Expect(page.GetByTestId("count-flagged")).ToHaveTextAsync("1");
        await StaffPage.CheckAsync(page, "02-practice-overview");
        var cookies = await page.Context.CookiesAsync();
        var session = Assert.Single(cookies, c => c.Name == "recordaccess-staff");
        Assert.True(session.HttpOnly);
        Assert.Equal(SameSiteAttribute.Lax, session.SameSite);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SignIn_BadOdsCode_ErrorSummaryAndInlineError()
    {
        var context = await server.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByLabel("Practice ODS code").FillAsync("a81001");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("There is a problem");
        await Assertions.Expect(page.Locator("#dev_ods-error")).ToBeVisibleAsync();
        await StaffPage.CheckAsync(page, "01b-development-sign-in-error");
        await context.CloseAsync();
    }

    [Fact]
    public async Task SignOut_EndsTheSession()
    {
        var page = await StaffPage.SignInAsync(server);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You have signed out" })).ToBeVisibleAsync();
        await StaffPage.CheckAsync(page, "09-signed-out");
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == "recordaccess-staff");
        await page.GotoAsync("/");
        Assert.Contains("/connect/authorize", page.Url, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }
}
