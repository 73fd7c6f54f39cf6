using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PartnerIntake.BrowserTests.Infrastructure;
using PartnerIntake.IntegrationTests.Infrastructure;
using PartnerIntake.Shared.Storage;
using static Microsoft.Playwright.Assertions;

namespace PartnerIntake.BrowserTests;

/// <summary>The partner's side in Chromium: form, confirmation and status page, in English and Arabic, with and without JavaScript.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class PartnerFormBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    private static async Task FillValidAsync(IPage page, string organization)
    {
        await page.FillAsync("#organization-name", organization);
        await page.SelectOptionAsync("#organization-type", "museum");
        await page.SelectOptionAsync("#organization-country", "PL");
        await page.FillAsync("#contact-name", "Anna Kowalska");
        await page.FillAsync("#contact-email", "anna@example.org");
        await page.CheckAsync("#topics-content-donation");
        await page.CheckAsync("#scale-national");
        await page.CheckAsync("#agreement-formal");
        await page.FillAsync("#message", "We would like to release 5,000 scans of 19th-century prints.");
        await page.CheckAsync("#consent");
    }

    private async Task<string> SubmitAndReadReferenceAsync(IPage page)
    {
        await page.ClickAsync("button[type=submit]");
        await Expect(page).ToHaveURLAsync(ConfirmationUrl());
        var reference = (await page.TextContentAsync("#reference"))!.Trim();
        reference.ShouldMatch(@"^PI-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$");
        (await App.StatusAsync(reference)).GetProperty("reference").GetString().ShouldBe(reference);
        return reference;
    }

    [Fact]
    public async Task Submit_InEnglish_ConfirmationWithReferenceAndStatusPage()
    {
        var page = await NewPageAsync(locale: "en-GB");
        await page.GotoAsync("/");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "ltr");
        await Axe.ShouldHaveNoSeriousViolationsAsync(page);
        await FillValidAsync(page, "Muzeum Narodowe w Warszawie");
        await Screenshots.SaveAsync(page, "form-en");

        var reference = await SubmitAndReadReferenceAsync(page);
        await Axe.ShouldHaveNoSeriousViolationsAsync(page);
        await page.ClickAsync("#status-link");
        await Expect(page).ToHaveURLAsync(new Regex($"/status/{reference}$"));
        await Eventually.HoldsAsync(async () =>
        {
            await page.ReloadAsync();
            return (await page.TextContentAsync("#step-routed"))!.Contains("Wikimedia Polska", StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(15), "the status page names the chapter");
        await Expect(page.Locator("#status-now")).ToContainTextAsync("Passed on");
        await Axe.ShouldHaveNoSeriousViolationsAsync(page);
        await Screenshots.SaveAsync(page, "status");
    }

    [Fact]
    public async Task Submit_InArabic_RightToLeftAndReference()
    {
        var page = await NewPageAsync(locale: "ar");
        await page.GotoAsync("/");

        await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ar");
        (await page.EvalOnSelectorAsync<string>("#inquiry-form", "f => getComputedStyle(f).direction")).ShouldBe("rtl");
        await Expect(page.Locator("h1")).Not.ToContainTextAsync("Partner with");
        await Axe.ShouldHaveNoSeriousViolationsAsync(page);
        await FillValidAsync(page, "مكتبة الإسكندرية");
        await Screenshots.SaveAsync(page, "form-ar");

        await SubmitAndReadReferenceAsync(page);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
    }

    [Fact]
    public async Task Submit_WithErrors_SummaryLinksToEachInvalidField()
    {
        var page = await NewPageAsync(locale: "en");
        await page.GotoAsync("/");
        await page.FillAsync("#organization-name", "Half-filled Museum");
        await page.FillAsync("#contact-email", "not-an-address");

        await page.ClickAsync("button[type=submit]");

        var summary = page.Locator("#error-summary");
        await Expect(summary).ToBeVisibleAsync();
        await Expect(summary).ToBeFocusedAsync();
        var links = summary.Locator("a");
        (await links.CountAsync()).ShouldBeGreaterThanOrEqualTo(6);
        await Expect(summary).ToContainTextAsync("Must be a single e-mail address");
        await Expect(page.Locator("#organization-name")).ToHaveValueAsync("Half-filled Museum");
        foreach (var href in await links.EvaluateAllAsync<string[]>("as => as.map(a => a.getAttribute('href'))"))
        {
            (await page.Locator(href).CountAsync()).ShouldBe(1, $"{href} points at a field");
        }

        await summary.Locator("a[href='#contact-email']").ClickAsync();
        await Expect(page.Locator("#contact-email")).ToBeFocusedAsync();
        await Expect(page.Locator("#contact-email")).ToHaveAttributeAsync("aria-invalid", "true");
        await Axe.ShouldHaveNoSeriousViolationsAsync(page);
    }

    [Fact]
    public async Task Submit_JavaScriptDisabled_WorksWithPlainControls()
    {
        var page = await NewPageAsync(locale: "en", javaScript: false);
        await page.GotoAsync("/");

        (await page.Locator("#organization-country-search").CountAsync()).ShouldBe(0); // no enhancement without script
        await Expect(page.Locator("#organization-subdivision")).ToBeVisibleAsync();
        await FillValidAsync(page, "No Script Library");
        await SubmitAndReadReferenceAsync(page);
    }

    [Fact]
    public async Task Form_WithJavaScript_CountrySearchNarrowsTheList()
    {
        var page = await NewPageAsync(locale: "de");
        await page.GotoAsync("/");

        await page.FillAsync("#organization-country-search", "Österr");

        await Expect(page.Locator("#organization-country")).ToHaveValueAsync("AT");
        await Expect(page.Locator("#subdivision-field")).ToBeHiddenAsync();
        await page.SelectOptionAsync("#organization-country", "US");
        await Expect(page.Locator("#subdivision-field")).ToBeVisibleAsync(); // routing has rows for US-NY and US-DC
    }

    [Fact]
    public async Task Form_KeyboardOnly_FilledAndSentWithVisibleFocus()
    {
        var page = await NewPageAsync(locale: "en");
        await page.GotoAsync("/");
        var keyboard = page.Keyboard;

        await keyboard.PressAsync("Tab");
        await Expect(page.Locator(".skip-link")).ToBeFocusedAsync();
        (await page.EvalOnSelectorAsync<string>(".skip-link", "e => getComputedStyle(e).outlineStyle")).ShouldNotBe("none");
        await page.FocusAsync("#organization-name");
        await keyboard.TypeAsync("Keyboard Archive");
        (await page.EvalOnSelectorAsync<string>("#organization-name", "e => getComputedStyle(e).outlineStyle")).ShouldNotBe("none");
        await keyboard.PressAsync("Tab");
        await Expect(page.Locator("#organization-type")).ToBeFocusedAsync();
        await page.SelectOptionAsync("#organization-type", "archive"); // a native select: arrow keys, as the browser implements it
        await page.FocusAsync("#organization-country");
        await page.SelectOptionAsync("#organization-country", "PL");
        await page.FocusAsync("#contact-name");
        await keyboard.TypeAsync("Jan Nowak");
        await keyboard.PressAsync("Tab");
        await keyboard.TypeAsync("jan@example.org");
        await page.FocusAsync("#topics-content-donation");
        await keyboard.PressAsync("Space");
        await page.FocusAsync("#scale-local");
        await keyboard.PressAsync("ArrowDown"); // radio group: national
        await page.FocusAsync("#agreement-informal");
        await keyboard.PressAsync("Space");
        await page.FocusAsync("#message");
        await keyboard.TypeAsync("Typed without a mouse.");
        await page.FocusAsync("#consent");
        await keyboard.PressAsync("Space");
        await page.FocusAsync("button[type=submit]");
        await keyboard.PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(ConfirmationUrl());
    }

    [Fact]
    public async Task Submit_HoneypotFilled_NeutralPageAndNothingStored()
    {
        var storage = new StorageProbe(Browser.Azurite.ConnectionString);
        var page = await NewPageAsync(locale: "en");
        await page.GotoAsync("/");
        await FillValidAsync(page, "Bot Museum");
        await page.FillAsync("#homepage", "http://spam.example", new PageFillOptions { Force = true });
        var before = await storage.CountRowsAsync(TableNames.Inquiries);

        await page.ClickAsync("button[type=submit]");

        await Expect(page).ToHaveURLAsync(new Regex("/received$"));
        await Expect(page.Locator("body")).Not.ToContainTextAsync("PI-");
        (await storage.CountRowsAsync(TableNames.Inquiries)).ShouldBe(before);
    }

    [GeneratedRegex("/confirmation/PI-[0-9A-Z-]+$")]
    private static partial Regex ConfirmationUrl();
}
