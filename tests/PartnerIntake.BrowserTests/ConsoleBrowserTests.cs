using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PartnerIntake.BrowserTests.Infrastructure;
using PartnerIntake.IntegrationTests.Infrastructure;
using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Storage;
using static Microsoft.Playwright.Assertions;

namespace PartnerIntake.BrowserTests;

/// <summary>The operators' console in Chromium.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsoleBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    private async Task<IPage> SignedInAsync(string path = "/admin")
    {
        var page = await NewPageAsync(locale: "en");
        await page.GotoAsync(path);
        await Expect(page).ToHaveURLAsync(new Regex("/admin/signin"));
        await page.FillAsync("#key", AppProcess.AdminKey);
        await page.ClickAsync("button[type=submit]");
        return page;
    }

    [Fact]
    public async Task SignIn_AdminKey_DashboardWithCharts()
    {
        // A few partners from different places with different aims, so every chart has something to show.
        foreach (var (country, topic) in new[] { ("PL", "content-donation"), ("BR", "education"), ("KE", "data"), ("FR", "research"), ("IN", "language-culture"), ("US", "events") })
        {
            await App.SubmitValidAsync(Inquiries.With(i =>
            {
                i["organization"]!["country"] = country;
                i["topics"] = new System.Text.Json.Nodes.JsonArray(topic);
            }));
        }

        var page = await SignedInAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/admin$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Dashboard");
        (await page.Locator("svg[role=img]").CountAsync()).ShouldBe(7);
        await Expect(page.Locator("#inquiries-per-week-title")).ToBeAttachedAsync();
        int.Parse((await page.TextContentAsync("#figure-inquiries"))!.Trim(), System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThanOrEqualTo(6);
        await Axe.ShouldHaveNoSeriousViolationsAsync(page);
        await Screenshots.SaveAsync(page, "dashboard");
    }

    [Fact]
    public async Task SignIn_WrongKey_StaysOutWithAnError()
    {
        var page = await NewPageAsync(locale: "en");
        await page.GotoAsync("/admin/signin");
        await page.FillAsync("#key", "wrong key");
        await page.ClickAsync("button[type=submit]");

        await Expect(page.Locator("#error-summary")).ToBeVisibleAsync();
        await page.GotoAsync("/admin/inquiries");
        await Expect(page).ToHaveURLAsync(new Regex("/admin/signin"));
    }

    [Fact]
    public async Task StoredScriptTag_EveryPageShowsItAsText()
    {
        // Written straight to storage, as an older version or a bug might have: the pages must not trust what is stored.
        const string script = "<script>window.__pwned = 1</script>";
        var storage = new StorageProbe(Browser.Azurite.ConnectionString);
        var reference = InquiryReference.New();
        var submission = new InquirySubmission(
            new OrganizationInfo(script, "museum", null, "PL", null),
            new ContactInfo("Mallory " + script, "mallory@example.org", null, "en"),
            ["content-donation"], "local", "informal", [], "Hello " + script, true);
        await new TableInquiryStore(storage.Account).InsertAsync(
            new Inquiry(reference, submission, InquiryStatus.Received, TimeProvider.System.GetUtcNow()), CancellationToken.None);
        var page = await SignedInAsync($"/admin/inquiry/{reference}");

        await Expect(page).ToHaveURLAsync(new Regex($"/admin/inquiry/{reference}$"));
        await Expect(page.Locator("#organization-name")).ToContainTextAsync(script);
        await Expect(page.Locator("#inquiry-message")).ToContainTextAsync(script);
        await page.GotoAsync($"/admin/inquiries?country=PL");
        await Expect(page.Locator("#inquiries")).ToContainTextAsync(script);
        (await page.EvaluateAsync<bool>("() => window.__pwned === undefined")).ShouldBeTrue();
    }

    [Fact]
    public async Task RoutingUpload_CsvWithAnError_ShowsTheLine()
    {
        var data = Path.Combine(Repo.Root, "shared", "PartnerIntake.Shared", "Routing", "Data");
        var regions = File.ReadAllText(Path.Combine(data, "regions.csv")) + "ZZ,,no-such-entity\n";
        var line = File.ReadAllLines(Path.Combine(data, "regions.csv")).Length + 1;
        var page = await SignedInAsync("/admin/routing");

        await page.SetInputFilesAsync("#entities", Path.Combine(data, "entities.csv"));
        await page.SetInputFilesAsync("#regions", new FilePayload { Name = "regions.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(regions) });
        await page.SetInputFilesAsync("#topics", Path.Combine(data, "topics.csv"));
        await page.ClickAsync("text=Check (dry run)");

        await Expect(page.Locator("#error-summary")).ToContainTextAsync($"regions.csv line {line}");
        await Expect(page.Locator("#error-summary")).ToContainTextAsync("no-such-entity");
    }

    [Fact]
    public async Task Inquiry_OperatorReassignsNotesAndCloses_EachShownAndAxeClean()
    {
        var reference = await App.SubmitValidAsync(Inquiries.Valid);
        await Eventually.HoldsAsync(async () => (await App.StatusAsync(reference)).GetProperty("status").GetString() == "routed",
            TimeSpan.FromSeconds(10), "routed");
        var page = await SignedInAsync($"/admin/inquiry/{reference}");
        await Expect(page).ToHaveURLAsync(new Regex($"/admin/inquiry/{reference}$"));
        await Axe.ShouldHaveNoSeriousViolationsAsync(page);

        await page.SelectOptionAsync("#entity", new SelectOptionValue { Label = "Wikimedia Deutschland" });
        await page.FillAsync("#reason", "The collection is German.");
        await page.ClickAsync("#reassign-form button[type=submit]");
        await Expect(page.Locator("#action-outcome")).ToContainTextAsync("Reassigned");
        await Expect(page.Locator("section[aria-labelledby=assignments-title]")).ToContainTextAsync("Wikimedia Deutschland");

        await page.FillAsync("#note", "Spoke to the curator; a call is set for Monday.");
        await page.ClickAsync("#note-form button[type=submit]");
        await Expect(page.Locator("#note-list")).ToContainTextAsync("Spoke to the curator; a call is set for Monday.");
        await Axe.ShouldHaveNoSeriousViolationsAsync(page);

        await page.SelectOptionAsync("#outcome", new SelectOptionValue { Label = "Partnership agreed" });
        await page.CheckAsync("#confirm");
        await page.ClickAsync("#close-form button[type=submit]");
        await Expect(page.Locator("#closure-outcome")).ToHaveTextAsync("Partnership agreed");
        await Expect(page.Locator("#inquiry-status")).ToHaveTextAsync("closed");
        await Expect(page.Locator("#console-actions")).ToContainTextAsync("reassign");
        await Expect(page.Locator("#console-actions")).ToContainTextAsync("close");
        await Expect(page.Locator("#reassign-form")).ToHaveCountAsync(0);
        await Axe.ShouldHaveNoSeriousViolationsAsync(page);
        await Screenshots.SaveAsync(page, "console-inquiry-actions");
    }

    [Fact]
    public async Task Inquiries_SearchByOrganisationAndReferenceAndStateFilter_FindsTheInquiry()
    {
        var wanted = await App.SubmitValidAsync(Inquiries.With(i => i["organization"]!["name"] = "Brooklyn Botanic Garden Library"));
        var other = await App.SubmitValidAsync(Inquiries.With(i => i["organization"]!["name"] = "Státní oblastní archiv"));
        var page = await SignedInAsync("/admin/inquiries");

        await page.FillAsync("#q", "botanic garden");
        await page.ClickAsync("form[role=search] button[type=submit]");
        await Expect(page.Locator("#inquiries")).ToContainTextAsync(wanted);
        await Expect(page.Locator("#inquiries")).Not.ToContainTextAsync(other);
        await Axe.ShouldHaveNoSeriousViolationsAsync(page);

        await page.FillAsync("#q", wanted[3..12]);
        await page.ClickAsync("form[role=search] button[type=submit]");
        await Expect(page.Locator("#inquiries")).ToContainTextAsync(wanted);
        await Expect(page.Locator("#inquiries")).Not.ToContainTextAsync(other);

        await page.FillAsync("#q", "botanic garden");
        await page.SelectOptionAsync("#state", new SelectOptionValue { Label = "Closed" });
        await page.ClickAsync("form[role=search] button[type=submit]");
        await Expect(page.Locator("#no-results")).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new Regex("state=closed"));
        await Axe.ShouldHaveNoSeriousViolationsAsync(page);
    }

    [Fact]
    public async Task Dashboard_NeedsAttention_CountsAboveTheChartsLinkToTheirLists()
    {
        var storage = new StorageProbe(Browser.Azurite.ConnectionString);
        var poison = storage.Account.Queue(QueueNames.Poison(QueueNames.Inquiries));
        await poison.CreateIfNotExistsAsync();
        await poison.SendMessageAsync(System.Text.Json.JsonSerializer.Serialize(new { inquiryId = InquiryReference.New() }));
        var page = await SignedInAsync();

        await Expect(page.Locator("#needs-attention")).ToBeVisibleAsync();
        (await page.EvaluateAsync<bool>(
            "() => document.querySelector('#needs-attention').compareDocumentPosition(document.querySelector('.charts')) === Node.DOCUMENT_POSITION_FOLLOWING"))
            .ShouldBeTrue("needs attention comes before the charts");
        int.Parse((await page.TextContentAsync("#attention-poison .figure"))!.Trim(), System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThanOrEqualTo(1);
        await Expect(page.Locator("#attention-overdue")).ToHaveAttributeAsync("href", "/admin/inquiries?state=overdue");
        await Expect(page.Locator("#attention-failed-mails")).ToHaveAttributeAsync("href", "/admin/inquiries?state=failed");
        await Axe.ShouldHaveNoSeriousViolationsAsync(page);

        await page.ClickAsync("#attention-overdue");
        await Expect(page).ToHaveURLAsync(new Regex("/admin/inquiries\\?state=overdue$"));
        await Expect(page.Locator("#state")).ToHaveValueAsync("overdue");
        await page.GoBackAsync();
        await page.ClickAsync("#attention-poison");
        await Expect(page).ToHaveURLAsync(new Regex("/admin/poison$"));
    }
}
