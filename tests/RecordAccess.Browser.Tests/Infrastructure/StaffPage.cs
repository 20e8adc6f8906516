using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit;

namespace RecordAccess.Browser.Tests.Infrastructure;

/// <summary>Signing in through the development provider, screenshots, and the axe check every page and state must pass.</summary>
public static class StaffPage
{
    /// <summary>Opens <c>/</c> in a fresh context, which leads to the development sign-in; signs in and lands on the overview.</summary>
    public static async Task<IPage> SignInAsync(StaffServer server, string user = "555123456789", string ods = "A81001", string role = "R8000", string? screenshot = null)
    {
        var context = await server.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        Assert.Contains("/connect/authorize", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in as a member of practice staff" })).ToBeVisibleAsync();
        if (screenshot is not null)
        {
            await CheckAsync(page, screenshot);
        }

        await page.GetByLabel("User ID").FillAsync(user);
        await page.GetByLabel("Practice ODS code").FillAsync(ods);
        await page.Locator($"input[name=dev_role][value={role}]").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Practice overview" })).ToBeVisibleAsync();
        return page;
    }

    /// <summary>Takes a full-page screenshot as a test artifact and requires zero axe violations (WCAG 2.x A/AA and best practice).</summary>
    public static async Task CheckAsync(IPage page, string name)
    {
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(StaffServer.Screenshots, name + ".png"), FullPage = true });
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
        });
        var violations = string.Join("\n", result.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}"));
        Assert.True(result.Violations.Length == 0, $"axe found violations on {name} ({page.Url}):\n{violations}");
    }

    /// <summary>Finds a patient by NHS number (POST) and lands on the patient page.</summary>
    public static async Task OpenPatientAsync(IPage page, string nhsDisplayed)
    {
        await page.GotoAsync("/patient/find");
        await page.GetByLabel("NHS number").FillAsync(nhsDisplayed);
        await page.GetByRole(AriaRole.Button, new() { Name = "Find patient" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("patient-nhs")).ToBeVisibleAsync();
    }
}
