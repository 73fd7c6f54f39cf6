using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using PartnerIntake.BrowserTests.Infrastructure;
using PartnerIntake.Shared.Assignment;
using PartnerIntake.Shared.Routing;
using static Microsoft.Playwright.Assertions;

namespace PartnerIntake.BrowserTests;

/// <summary>
/// The pages behind an assignment e-mail's links in Chromium: accept shows the partner's contact, redirect offers every
/// active entity grouped with the likely ones first and a filter box, decline says where the inquiry goes next.
/// The test inquiry (a museum in Warsaw) goes to Wikimedia Polska, so the pages speak Polish: the tests look at
/// elements and names, not at wording.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AssignmentPagesBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    private static readonly RoutingTables Seed = RoutingTablesCsv.Seed().Parse();

    [Fact]
    public async Task Accept_ConfirmedAndRevisited_ShowsThePartnersContact()
    {
        var reference = await RoutedAsync("Accept Contact Museum");
        var page = await NewPageAsync();
        await page.GotoAsync(Link(reference, AssignmentAction.Accept));
        await Expect(page.Locator("#partner-contact")).Not.ToBeAttachedAsync(); // not before accepting
        await Axe.ShouldHaveNoSeriousViolationsAsync(page);

        await page.ClickAsync("button[type=submit]");

        await Expect(page.Locator("#outcome")).ToHaveAttributeAsync("data-state", "accepted");
        await ShowsContactAsync(page);
        await Axe.ShouldHaveNoSeriousViolationsAsync(page);

        // The accept link keeps showing it while it is valid; the same e-mail's decline link does not.
        await page.GotoAsync(Link(reference, AssignmentAction.Accept));
        await ShowsContactAsync(page);
        await page.GotoAsync(Link(reference, AssignmentAction.Decline));
        await Expect(page.Locator("#outcome")).ToHaveAttributeAsync("data-state", "accepted");
        await Expect(page.Locator("#partner-contact")).Not.ToBeAttachedAsync();
    }

    [Fact]
    public async Task Redirect_List_GroupedSuggestedFirstSearchableAndRedirects()
    {
        var reference = await RoutedAsync("Redirect List Museum");
        var page = await NewPageAsync();
        await page.GotoAsync(Link(reference, AssignmentAction.Redirect));

        var groups = await page.Locator("#redirectTo optgroup").EvaluateAllAsync<string[]>("gs => gs.map(g => g.dataset.group)");
        groups.ShouldBe(["suggested", "chapter", "thematic-organization", "user-group", "hub", "foundation-team"]);
        var suggested = await OptionValuesAsync(page, "#redirectTo optgroup[data-group=suggested] option");
        suggested[0].ShouldBe("wmf-region-cee"); // Poland's next in the region table, before the topic's team
        suggested.ShouldContain("wmf-culture-heritage"); // content donation
        var offered = await OptionValuesAsync(page, "#redirectTo optgroup option");
        offered.ShouldBe(Seed.Entities.Where(e => e.Active && e.Id != "wikimedia-polska").Select(e => e.Id), ignoreOrder: true);
        await Expect(page.Locator("#redirectFilter")).ToBeVisibleAsync();
        await Axe.ShouldHaveNoSeriousViolationsAsync(page);

        await page.FillAsync("#redirectFilter", "deutsch");

        var visible = await page.Locator("#redirectTo option:not([hidden])").EvaluateAllAsync<string[]>("os => os.map(o => o.value)");
        visible.ShouldBe(["", "wikimedia-deutschland"]);
        await Expect(page.Locator("#redirectTo optgroup[data-group=suggested]")).ToHaveAttributeAsync("hidden", "");
        await page.FillAsync("#redirectFilter", "zzzz");
        await Expect(page.Locator("#redirectFilter-none")).Not.ToBeEmptyAsync();
        await page.FillAsync("#redirectFilter", "deutsch");
        await page.SelectOptionAsync("#redirectTo", "wikimedia-deutschland");
        await page.FillAsync("#reason", "The collection is German.");
        await page.ClickAsync("button[type=submit]");

        await Expect(page.Locator("#outcome")).ToHaveAttributeAsync("data-state", "redirected");
        await Expect(page.Locator("#outcome")).ToContainTextAsync("Wikimedia Deutschland");
    }

    [Fact]
    public async Task Redirect_WithoutJavaScript_GroupedListWorksAlone()
    {
        var reference = await RoutedAsync("Redirect No Script Museum");
        var page = await NewPageAsync(javaScript: false);
        await page.GotoAsync(Link(reference, AssignmentAction.Redirect));

        await Expect(page.Locator("#redirectFilter")).Not.ToBeVisibleAsync();
        await Expect(page.Locator("#redirectTo optgroup").First).ToHaveAttributeAsync("data-group", "suggested");
        await Axe.ShouldHaveNoSeriousViolationsAsync(page);
        await page.SelectOptionAsync("#redirectTo", "wmf-region-cee");
        await page.FillAsync("#reason", "A regional matter.");
        await page.ClickAsync("button[type=submit]");

        await Expect(page.Locator("#outcome")).ToHaveAttributeAsync("data-state", "redirected");
    }

    [Fact]
    public async Task Decline_Page_NamesWhereItGoesAndOffersRedirectInstead()
    {
        var reference = await RoutedAsync("Decline Destination Museum");
        var next = Seed.Entity("wmf-region-cee")!.Name; // Poland's next candidate in the region table
        var page = await NewPageAsync();
        await page.GotoAsync(Link(reference, AssignmentAction.Decline));

        await Expect(page.Locator("#decline-destination")).ToContainTextAsync(next);
        await Axe.ShouldHaveNoSeriousViolationsAsync(page);
        await page.ClickAsync("#redirect-instead");
        await Expect(page.Locator("#redirectTo")).ToBeVisibleAsync(); // the same assignment's redirect form
        await page.GoBackAsync();

        await page.FillAsync("#reason", "No capacity this year.");
        await page.ClickAsync("button[type=submit]");

        await Expect(page.Locator("#outcome")).ToHaveAttributeAsync("data-state", "declined");
        await Expect(page.Locator("#declined-to")).ToContainTextAsync(next);
        await Axe.ShouldHaveNoSeriousViolationsAsync(page);
        await Eventually.HoldsAsync(async () => (await App.StatusAsync(reference)).GetProperty("assignee").GetProperty("name").GetString() == next,
            TimeSpan.FromSeconds(10), "the decline handed the inquiry to the entity the page named");
    }

    private static async Task ShowsContactAsync(IPage page)
    {
        var contact = page.Locator("#partner-contact");
        await Expect(contact).ToContainTextAsync("Anna Nowak");
        await Expect(contact.Locator("a[href='mailto:anna@example.org']")).ToHaveTextAsync("anna@example.org");
        await Expect(contact).ToContainTextAsync("Muzeum Narodowe w Warszawie");
        await Expect(contact.Locator("a[href='https://mnw.art.pl/']")).ToBeVisibleAsync();
    }

    private static Task<string[]> OptionValuesAsync(IPage page, string selector) =>
        page.Locator(selector).EvaluateAllAsync<string[]>("os => os.map(o => o.value)");

    private async Task<string> RoutedAsync(string organization)
    {
        // The contact's name and the organisation's stay the test file's; only the message differs, so each inquiry is new.
        var reference = await App.SubmitValidAsync(Inquiries.With(i => i["message"] = $"{organization}: we would like to release 5,000 scans."));
        await Eventually.HoldsAsync(async () => (await App.StatusAsync(reference)).GetProperty("status").GetString() == "routed",
            TimeSpan.FromSeconds(15), "routed");
        return reference;
    }

    /// <summary>An action link of the first assignment, signed as the app signs the e-mail's.</summary>
    private static string Link(string reference, string action) =>
        "/assignments/" + new ActionLinks(Options.Create(new LinkOptions { SigningKey = AppProcess.SigningKey }), TimeProvider.System)
            .Token(reference, 1, action);
}
