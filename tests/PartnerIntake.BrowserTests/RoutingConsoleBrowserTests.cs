using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using PartnerIntake.BrowserTests.Infrastructure;
using PartnerIntake.Shared.Routing;
using static Microsoft.Playwright.Assertions;

namespace PartnerIntake.BrowserTests;

/// <summary>The console's routing page in Chromium: downloads, the version history, and a rollback with its confirmation.</summary>
[Collection(BrowserCollection.Name)]
public sealed class RoutingConsoleBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task Rollback_FromTheHistory_AsksThenMakesTheEarlierVersionLive()
    {
        // A version that changes nothing the other browser tests route (one chapter's SLA), put live through the API.
        var seed = RoutingTablesCsv.Seed();
        var changed = seed with
        {
            Entities = seed.Entities.Replace("eesti@example.org,5,", "eesti@example.org,6,", StringComparison.Ordinal),
        };
        using (var imported = await App.SendAdminAsync(HttpMethod.Post, "/api/routing/import", JsonContent.Create(changed)))
        {
            imported.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        var page = await NewPageAsync(locale: "en");
        await page.GotoAsync("/admin/routing");
        await Expect(page).ToHaveURLAsync(new Regex("/admin/signin"));
        await page.FillAsync("#key", AppProcess.AdminKey);
        await page.ClickAsync("button[type=submit]");
        await page.GotoAsync("/admin/routing");

        // The web app learns of the Functions app's import when it re-reads the live pointer (Routing__RefreshSeconds, 30 s).
        for (var waited = 0; waited < 40 && !(await page.Locator("#live-title").InnerTextAsync()).Contains(changed.ContentVersion(), StringComparison.Ordinal); waited++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            await page.ReloadAsync();
        }

        await Expect(page.Locator("#live-title")).ToContainTextAsync(changed.ContentVersion());
        await Expect(page.Locator("#history tbody tr").First).ToContainTextAsync("api");
        await Expect(page.Locator("#downloads a")).ToHaveCountAsync(3);
        await Axe.ShouldHaveNoSeriousViolationsAsync(page);

        await page.ClickAsync($"button[aria-label='Roll back to {seed.ContentVersion()}']");

        await Expect(page.Locator("#rollback-confirm")).ToBeVisibleAsync();
        await Expect(page.Locator("#live-title")).ToContainTextAsync(changed.ContentVersion()); // nothing changed yet
        await Axe.ShouldHaveNoSeriousViolationsAsync(page);

        await page.ClickAsync("#rollback-confirm button[type=submit]");

        await Expect(page.Locator("#rollback-result")).ToContainTextAsync($"version {seed.ContentVersion()} is live again");
        await Expect(page.Locator("#live-title")).ToContainTextAsync(seed.ContentVersion());
        await Expect(page.Locator("#history tbody tr").First).ToContainTextAsync("rollback");
        await Expect(page.Locator("#history tbody tr").First).ToContainTextAsync("admin");
        await Axe.ShouldHaveNoSeriousViolationsAsync(page);
    }
}
