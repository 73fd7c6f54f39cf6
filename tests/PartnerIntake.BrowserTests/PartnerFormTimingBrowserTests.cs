using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PartnerIntake.BrowserTests.Infrastructure;
using PartnerIntake.IntegrationTests.Infrastructure;
using PartnerIntake.Shared.Storage;
using static Microsoft.Playwright.Assertions;

namespace PartnerIntake.BrowserTests;

/// <summary>
/// The minimum fill time as a person meets it, on an app of its own with the check on (the collection's app has
/// it off so that the other tests can fill the form at machine speed). Same Azurite, so storage is checked as usual.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class PartnerFormTimingBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    /// <summary>Longer than the default 3 s, so that filling the form in a busy test run stays "too fast" where the test means it.</summary>
    private const int MinFillSeconds = 15;

    private AppProcess app = null!;
    private IBrowserContext context = null!;

    public async Task InitializeAsync()
    {
        app = await AppProcess.StartAsync(browser.Azurite.ConnectionString,
            settings: new Dictionary<string, string> { ["Web__MinFillSeconds"] = MinFillSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.WebAddress.ToString(), Locale = "en" });
        context.SetDefaultTimeout((float)BrowserFixture.Timeout.TotalMilliseconds);
    }

    public async Task DisposeAsync()
    {
        await context.CloseAsync();
        await app.DisposeAsync();
    }

    private static async Task FillAllButConsentAsync(IPage page, string organization)
    {
        await page.FillAsync("#organization-name", organization);
        await page.SelectOptionAsync("#organization-type", "library");
        await page.SelectOptionAsync("#organization-country", "PL");
        await page.FillAsync("#contact-name", "Ewa Nowak");
        await page.FillAsync("#contact-email", "ewa@example.org");
        await page.CheckAsync("#topics-content-donation");
        await page.CheckAsync("#scale-national");
        await page.CheckAsync("#agreement-formal");
        await page.FillAsync("#message", "We would like to share our digitised maps.");
    }

    [Fact]
    public async Task Submit_ConsentForgottenThenTickedAndSentWithinTwoSeconds_Stored()
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        var served = Stopwatch.StartNew();
        await FillAllButConsentAsync(page, "Biblioteka Forgotten Tick");
        var wait = TimeSpan.FromSeconds(MinFillSeconds + 0.5) - served.Elapsed;
        await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero); // a person's fill time, at the least
        await page.ClickAsync("button[type=submit]");
        await Expect(page.Locator("#error-summary")).ToContainTextAsync("You must agree");

        var errorShown = Stopwatch.StartNew();
        await page.CheckAsync("#consent");
        await page.ClickAsync("button[type=submit]");
        errorShown.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(2), "sent again within 2 s of the error page");

        await Expect(page).ToHaveURLAsync(ConfirmationUrl());
        var reference = (await page.TextContentAsync("#reference"))!.Trim();
        (await app.StatusAsync(reference)).GetProperty("reference").GetString().ShouldBe(reference); // stored
    }

    [Fact]
    public async Task Submit_SoonerThanTheFillTime_AskedToSendAgainWithEverythingKept()
    {
        var storage = new StorageProbe(browser.Azurite.ConnectionString);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await FillAllButConsentAsync(page, "Autofill Library");
        await page.CheckAsync("#consent");
        var before = await storage.CountRowsAsync(TableNames.Inquiries);

        await page.ClickAsync("button[type=submit]");

        await Expect(page.Locator("#error-summary")).ToContainTextAsync("nothing has been sent yet");
        await Expect(page).Not.ToHaveURLAsync(new Regex("/received$"));
        await Expect(page.Locator("#organization-name")).ToHaveValueAsync("Autofill Library");
        await Expect(page.Locator("#consent")).ToBeCheckedAsync();
        await Axe.ShouldHaveNoSeriousViolationsAsync(page);
        (await storage.CountRowsAsync(TableNames.Inquiries)).ShouldBe(before);

        await Task.Delay(TimeSpan.FromSeconds(MinFillSeconds));
        await page.ClickAsync("button[type=submit]");
        await Expect(page).ToHaveURLAsync(ConfirmationUrl());
    }

    [GeneratedRegex("/confirmation/PI-[0-9A-Z-]+$")]
    private static partial Regex ConfirmationUrl();
}
