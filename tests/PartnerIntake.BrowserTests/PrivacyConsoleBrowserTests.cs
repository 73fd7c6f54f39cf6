using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PartnerIntake.BrowserTests.Infrastructure;
using PartnerIntake.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PartnerIntake.BrowserTests;

/// <summary>The console's personal-data page in Chromium: look up, download, erase with confirmation; axe clean in every state.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PrivacyConsoleBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task PrivacyPage_LookUpDownloadAndErase_EachStepShownAndAccessible()
    {
        var email = $"browser.privacy-{Guid.NewGuid():N}@museum.example";
        var reference = await App.SubmitValidAsync(Inquiries.With(i => i["contact"]!["email"] = email));
        var page = await NewPageAsync(locale: "en");
        await page.GotoAsync("/admin/privacy");
        await page.FillAsync("#key", AppProcess.AdminKey);
        await page.ClickAsync("button[type=submit]");
        await Expect(page).ToHaveURLAsync(new Regex("/admin/privacy$"));
        await Expect(page.Locator("nav a[aria-current=page]")).ToHaveTextAsync("Personal data");
        await Axe.ShouldHaveNoSeriousViolationsAsync(page);

        await page.FillAsync("#email", "not an address");
        await page.EvaluateAsync("document.querySelector('#lookup-form').noValidate = true");
        await page.ClickAsync("#lookup-form button[type=submit]");
        await Expect(page.Locator("#email-error")).ToBeVisibleAsync();
        await Axe.ShouldHaveNoSeriousViolationsAsync(page);

        await page.FillAsync("#email", email);
        await page.ClickAsync("#lookup-form button[type=submit]");
        await Expect(page.Locator("#found")).ToContainTextAsync(reference);
        await Axe.ShouldHaveNoSeriousViolationsAsync(page);

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-form button[type=submit]"));
        download.SuggestedFilename.ShouldEndWith(".json");
        var json = await File.ReadAllTextAsync((await download.PathAsync())!);
        json.ShouldContain(reference);
        json.ShouldContain(email);

        await page.ClickAsync("#erase-form button[type=submit]");
        await Expect(page.Locator("#confirm-error")).ToBeVisibleAsync();
        await Expect(page.Locator("#error-summary")).ToBeVisibleAsync();
        await Axe.ShouldHaveNoSeriousViolationsAsync(page);

        await page.CheckAsync("#confirm");
        await page.ClickAsync("#erase-form button[type=submit]");
        await Expect(page.Locator("#erasure-result")).ToContainTextAsync("Erased");
        await Axe.ShouldHaveNoSeriousViolationsAsync(page);
        await Screenshots.SaveAsync(page, "console-privacy");

        await page.GotoAsync($"/admin/inquiry/{reference}");
        await Expect(page.Locator("main")).Not.ToContainTextAsync(email);
    }
}
