using PartnerIntake.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PartnerIntake.BrowserTests;

/// <summary>
/// Pressing the withdrawal button in Chromium, with and without JavaScript: the outcome page and then the status page
/// say withdrawn, and axe finds nothing serious. Needs the real <c>IPersonalDataEraser</c> registered in the web app
/// (without one the page answers 503 and changes nothing).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WithdrawConfirmBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Withdraw_ButtonPressed_OutcomeAndStatusSayWithdrawnAndAxeClean(bool javaScript)
    {
        var reference = await WithdrawalLink.RoutedAsync(App, $"Withdraw Confirm Museum {javaScript}");
        var page = await NewPageAsync(javaScript: javaScript);
        await page.GotoAsync(WithdrawalLink.For(reference, "en"));

        await page.ClickAsync("main button[type=submit]");

        await Expect(page.Locator("#outcome")).ToContainTextAsync($"Your inquiry {reference} has been withdrawn");
        await Axe.ShouldHaveNoSeriousViolationsAsync(page);
        await page.GotoAsync($"/status/{reference}?culture=en");
        await Expect(page.Locator("#status-now")).ToContainTextAsync("Withdrawn");
        await Axe.ShouldHaveNoSeriousViolationsAsync(page);
    }
}
