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
        (await page.Locator("#contentLanguages-search").CountAsync()).ShouldBe(0);
        await FillValidAsync(page, "No Script Library");
        await page.CheckAsync("#contentLanguages-cy"); // several languages, with checkboxes rather than Ctrl-click
        await page.CheckAsync("#contentLanguages-pl");
        await Axe.ShouldHaveNoSeriousViolationsAsync(page);
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
        // Its own name: other tests store inquiries in the same account meanwhile, so table totals prove nothing.
        var name = $"Bot Museum {Guid.NewGuid():N}";
        await FillValidAsync(page, name);
        await page.FillAsync("#homepage", "http://spam.example", new PageFillOptions { Force = true });

        await page.ClickAsync("button[type=submit]");

        await Expect(page).ToHaveURLAsync(new Regex("/received$"));
        await Expect(page.Locator("body")).Not.ToContainTextAsync("PI-");
        var stored = new List<string>();
        await foreach (var row in storage.Table(TableNames.Inquiries).QueryAsync<Azure.Data.Tables.TableEntity>(
            Azure.Data.Tables.TableClient.CreateQueryFilter($"RowKey eq {TableInquiryStore.RowKey}"), select: ["Document"]))
        {
            stored.Add(row.GetString("Document") ?? "");
        }

        stored.ShouldNotContain(d => d.Contains(name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Form_UnitedStatesAndNewYorkChosen_BrooklynMuseumRoutedToNewYorkCity()
    {
        var page = await NewPageAsync(locale: "en-US");
        await page.GotoAsync("/");
        await FillValidAsync(page, "Brooklyn Museum");
        await Expect(page.Locator("#subdivision-field")).ToBeHiddenAsync(); // Poland: no subdivision changes routing

        await page.SelectOptionAsync("#organization-country", "US");
        await Expect(page.Locator("#subdivision-field")).ToBeVisibleAsync();
        (await page.Locator("#organization-subdivision optgroup:not([hidden]) option").AllTextContentsAsync())
            .ShouldBe(["District of Columbia", "New York"]);
        await page.SelectOptionAsync("#organization-subdivision", new SelectOptionValue { Label = "New York" });
        await Axe.ShouldHaveNoSeriousViolationsAsync(page);
        var reference = await SubmitAndReadReferenceAsync(page);

        await Eventually.HoldsAsync(async () =>
            (await App.StatusAsync(reference)).TryGetProperty("assignee", out var assignee)
            && assignee.GetProperty("name").GetString() == "Wikimedia New York City",
            TimeSpan.FromSeconds(15), "routed to the New York City chapter");
    }

    [Fact]
    public async Task Form_CountryChangedAfterASubdivision_SubdivisionNotSent()
    {
        var page = await NewPageAsync(locale: "en");
        await page.GotoAsync("/");
        await FillValidAsync(page, "Moving Archive");
        await page.SelectOptionAsync("#organization-country", "US");
        await page.SelectOptionAsync("#organization-subdivision", "US-DC");

        await page.SelectOptionAsync("#organization-country", "PL");

        await Expect(page.Locator("#subdivision-field")).ToBeHiddenAsync();
        await Expect(page.Locator("#organization-subdivision")).ToHaveValueAsync("");
        await SubmitAndReadReferenceAsync(page);
    }

    [Fact]
    public async Task Form_LanguageFilter_FindsWelshAndKeepsTickedLanguagesInView()
    {
        var page = await NewPageAsync(locale: "en");
        await page.GotoAsync("/");
        await Expect(page.Locator("#contentLanguages-ar")).ToBeVisibleAsync(); // the common ones show until one types
        await Expect(page.Locator("#contentLanguages-zh-yue")).ToBeHiddenAsync();
        await Expect(page.Locator("#contentLanguages-shown")).ToContainTextAsync("type to find any of the");
        await page.CheckAsync("#contentLanguages-pl");

        await page.FillAsync("#contentLanguages-search", "cymr");

        await Expect(page.Locator("#contentLanguages-cy")).ToBeVisibleAsync();
        await Expect(page.Locator("#contentLanguages-pl")).ToBeVisibleAsync(); // ticked: stays in view
        await Expect(page.Locator("#contentLanguages-de")).ToBeHiddenAsync();
        await Expect(page.Locator("#contentLanguages-shown")).ToHaveTextAsync("2 languages shown");
        await page.PressAsync("#contentLanguages-search", "Enter"); // narrows; does not send the form
        await Expect(page).ToHaveURLAsync(new Regex("/$"));
        await page.CheckAsync("#contentLanguages-cy");
        await page.FillAsync("#contentLanguages-search", "canto");
        await Expect(page.Locator("#contentLanguages-zh-yue")).ToBeVisibleAsync(); // found by its English name
        await page.FillAsync("#contentLanguages-search", "");
        await Expect(page.Locator("#contentLanguages-de")).ToBeVisibleAsync();
        await Axe.ShouldHaveNoSeriousViolationsAsync(page);
    }

    [Fact]
    public async Task Form_ConsentCheckbox_SitsRightBesideItsLabel()
    {
        foreach (var locale in new[] { "en", "ar" })
        {
            var page = await NewPageAsync(locale: locale);
            await page.GotoAsync("/");

            var box = (await page.Locator("#consent").BoundingBoxAsync())!;
            var label = (await page.Locator("label[for=consent]").BoundingBoxAsync())!;

            Math.Abs(label.Y - box.Y).ShouldBeLessThan(12, $"{locale}: on the same line");
            var gap = locale == "ar" ? box.X - (label.X + label.Width) : label.X - (box.X + box.Width);
            gap.ShouldBeInRange(0, 24, $"{locale}: next to each other");
            await page.ClickAsync("label[for=consent]", new PageClickOptions { Position = new Position { X = 5, Y = 5 } });
            await Expect(page.Locator("#consent")).ToBeCheckedAsync();
        }
    }

    [Fact]
    public async Task UnknownAddress_ErrorPageInTheLayoutWithALinkHome()
    {
        var page = await NewPageAsync(locale: "en-GB");

        var response = await page.GotoAsync("/no-such-page");

        response!.Status.ShouldBe(404);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Page not found");
        await Expect(page.Locator(".site-header")).ToBeVisibleAsync();
        await Axe.ShouldHaveNoSeriousViolationsAsync(page);
        await page.ClickAsync("main a[href='/']");
        await Expect(page.Locator("#inquiry-form")).ToBeVisibleAsync();
    }

    [GeneratedRegex("/confirmation/PI-[0-9A-Z-]+$")]
    private static partial Regex ConfirmationUrl();
}
