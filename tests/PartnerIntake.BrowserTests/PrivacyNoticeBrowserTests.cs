using PartnerIntake.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PartnerIntake.BrowserTests;

/// <summary>The privacy notice in Chromium: its sections and the controller's contact, axe-clean left to right and right to left.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PrivacyNoticeBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Theory]
    [InlineData("en")]
    [InlineData("ar")]
    public async Task Privacy_InLanguage_SectionsAndControllerAxeClean(string locale)
    {
        var page = await NewPageAsync(locale);

        await page.GotoAsync("/privacy");

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", locale);
        await Expect(page.Locator("main h2")).ToHaveCountAsync(5);
        await Expect(page.Locator("#controller a[href^='mailto:']")).ToBeVisibleAsync();
        await Expect(page.Locator("#retention-period")).ToContainTextAsync("24"); // the default period
        await Axe.ShouldHaveNoSeriousViolationsAsync(page);
    }
}
