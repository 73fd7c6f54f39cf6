using PartnerIntake.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PartnerIntake.BrowserTests;

/// <summary>
/// The withdrawal page before anything happens, in Chromium: the question with one button, with and without
/// JavaScript, right to left in Arabic, and a broken link's clear page; axe finds nothing serious on any of them.
/// Pressing the button is in <see cref="WithdrawConfirmBrowserTests"/> (it needs the eraser).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WithdrawPageBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Confirm_WithOrWithoutJavaScript_AsksWithOneButtonAndIsAxeClean(bool javaScript)
    {
        var reference = await WithdrawalLink.RoutedAsync(App, $"Withdraw Page Museum {javaScript}");
        var page = await NewPageAsync(javaScript: javaScript);

        await page.GotoAsync(WithdrawalLink.For(reference, "en"));

        await Expect(page.Locator("h1")).ToHaveTextAsync("Withdraw your inquiry");
        await Expect(page.Locator("#question")).ToContainTextAsync(reference);
        await Expect(page.Locator("main button")).ToHaveCountAsync(1);
        await Axe.ShouldHaveNoSeriousViolationsAsync(page);
        (await App.StatusAsync(reference)).GetProperty("status").GetString().ShouldBe("routed");
    }

    [Fact]
    public async Task Confirm_Arabic_RightToLeftAndAxeClean()
    {
        var reference = await WithdrawalLink.RoutedAsync(App, "Withdraw Arabic Museum");
        var page = await NewPageAsync();

        await page.GotoAsync(WithdrawalLink.For(reference, "ar"));

        await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await Expect(page.Locator("h1")).ToHaveTextAsync("سحب استفساركم");
        await Axe.ShouldHaveNoSeriousViolationsAsync(page);
    }

    [Fact]
    public async Task NotValid_TamperedLink_ClearMessageAndAxeClean()
    {
        var reference = await WithdrawalLink.RoutedAsync(App, "Withdraw Tampered Museum");
        var link = WithdrawalLink.For(reference, "en");
        // The signature's first character (its last may only carry padding bits, which decode the same).
        var at = link.LastIndexOf('.', link.IndexOf('?', StringComparison.Ordinal)) + 1;
        var page = await NewPageAsync(javaScript: false);

        var response = await page.GotoAsync(link[..at] + (link[at] == 'A' ? "B" : "A") + link[(at + 1)..]);

        response!.Status.ShouldBe(400);
        await Expect(page.Locator("#outcome")).ToContainTextAsync("Nothing was changed.");
        await Expect(page.Locator("main button")).ToHaveCountAsync(0);
        await Axe.ShouldHaveNoSeriousViolationsAsync(page);
    }
}
