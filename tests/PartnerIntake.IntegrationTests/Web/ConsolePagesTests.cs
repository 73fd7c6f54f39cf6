using System.Net;
using System.Text.RegularExpressions;
using PartnerIntake.IntegrationTests.Infrastructure;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.IntegrationTests.Web;

/// <summary>The console's pages, signed in, over real storage.</summary>
[Collection(WebCollection.Name)]
public class ConsolePagesTests(WebAppFixture fixture)
{
    private AppProcess App => fixture.App;

    private Task<PageClient> SignedInAsync() => PageClient.SignedInAsync(App);

    private async Task<string> RoutedInquiryAsync(string organization)
    {
        var reference = await App.SubmitValidAsync(Inquiries.With(i => i["organization"]!["name"] = organization));
        await Eventually.HoldsAsync(async () => (await App.StatusAsync(reference)).GetProperty("status").GetString() == "routed",
            TimeSpan.FromSeconds(10), "routed");
        return reference;
    }

    [Fact]
    public async Task Dashboard_SignedIn_ShowsEveryChartAsSvg()
    {
        await RoutedInquiryAsync("Dashboard Museum");
        using var client = await SignedInAsync();

        var (response, html) = await client.GetAsync("/admin");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        foreach (var chart in new[] { "inquiries-per-week", "by-region", "by-topic", "by-entity-kind", "time-to-acceptance", "escalations-per-week", "notices-per-week" })
        {
            html.ShouldContain($"id=\"{chart}-title\"");
        }

        Regex.Matches(html, "<svg ").Count.ShouldBe(7);
        html.ShouldContain("inquiries-poison");
    }

    [Fact]
    public async Task Inquiries_FilterAndDetail_ShowRoutingAuditAndMails()
    {
        var reference = await RoutedInquiryAsync("Filter Test Museum");
        using var client = await SignedInAsync();

        var (_, list) = await client.GetAsync("/admin/inquiries?status=routed&country=PL&topic=content-donation");
        var (_, other) = await client.GetAsync("/admin/inquiries?country=BR");
        var (detail, html) = await client.GetAsync($"/admin/inquiry/{reference}");

        list.ShouldContain(reference);
        other.ShouldNotContain(reference);
        detail.StatusCode.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("Filter Test Museum");
        html.ShouldContain("Wikimedia Polska");
        html.ShouldContain("id=\"routing-summary\"");
        html.ShouldContain("id=\"audit-trail\"");
        html.ShouldContain("acknowledgement");
    }

    [Fact]
    public async Task Inquiries_Export_IsCsvOfTheFilteredList()
    {
        var reference = await RoutedInquiryAsync("Export Museum");
        using var client = await SignedInAsync();

        var (response, csv) = await client.GetAsync("/admin/inquiries?handler=Export&country=PL");

        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        (await response.Content.ReadAsByteArrayAsync())[..3].ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF }); // for spreadsheet programs
        csv.ShouldStartWith("reference,received_at,status");
        csv.ShouldContain(reference);
        csv.ShouldContain("Export Museum");
    }

    [Fact]
    public async Task Outbox_ListAndMessage_ShowTheEmailsAsReceived()
    {
        var reference = await RoutedInquiryAsync("Outbox Museum");
        await Eventually.HoldsAsync(() => Task.FromResult(App.OutboxFiles(reference).Length == 3), TimeSpan.FromSeconds(10), "three e-mails");
        using var client = await SignedInAsync();

        var (_, list) = await client.GetAsync("/admin/outbox");
        var (message, html) = await client.GetAsync($"/admin/outbox/{reference}.acknowledgement.eml");
        var (traversal, _) = await client.GetAsync("/admin/outbox/..%2F..%2Fetc%2Fpasswd");

        list.ShouldContain($"{reference}.acknowledgement.eml");
        message.StatusCode.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("id=\"mail-html\"");
        html.ShouldContain("id=\"mail-text\"");
        html.ShouldContain(reference);
        traversal.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Poison_Replay_PutsTheMessageBackAndRecordsIt()
    {
        var poison = QueueNames.Poison(QueueNames.Inquiries);
        await fixture.Storage.EnqueueAsync(poison, "{\"inquiryId\":\"PI-0000-0000-0000-0000\"}");
        using var client = await SignedInAsync();

        var (_, page) = await client.GetAsync("/admin/poison");
        var messageId = Regex.Match(page, @"name=""messageId"" value=""([^""]+)""").Groups[1].Value;
        var (replayed, after) = await client.PostAsync("/admin/poison",
            [new("queue", QueueNames.Inquiries), new("messageId", messageId), new("action", "discard"), new("reason", "test data")]);

        messageId.ShouldNotBeEmpty();
        page.ShouldContain("PI-0000-0000-0000-0000");
        replayed.StatusCode.ShouldBe(HttpStatusCode.OK);
        after.ShouldContain("Discarded.");
        after.ShouldContain("test data");
        (await fixture.Storage.QueueLengthAsync(poison)).ShouldBe(0);
    }

    [Fact]
    public async Task Routing_UploadWithAnError_ShowsTheLineAndChangesNothing()
    {
        using var client = await SignedInAsync();
        var (_, before) = await client.GetAsync("/admin/routing");
        var data = Path.Combine(Repo.Root, "shared", "PartnerIntake.Shared", "Routing", "Data");
        var regions = File.ReadAllText(Path.Combine(data, "regions.csv")) + "ZZ,,no-such-entity\n";
        using var form = new MultipartFormDataContent
        {
            { new StringContent(client.Hidden["__RequestVerificationToken"]), "__RequestVerificationToken" },
            { new ByteArrayContent(File.ReadAllBytes(Path.Combine(data, "entities.csv"))), "entities", "entities.csv" },
            { new StringContent(regions), "regions", "regions.csv" },
            { new ByteArrayContent(File.ReadAllBytes(Path.Combine(data, "topics.csv"))), "topics", "topics.csv" },
        };

        var (response, html) = await client.PostMultipartAsync("/admin/routing?handler=Check", form);
        var line = File.ReadAllLines(Path.Combine(data, "regions.csv")).Length + 1;

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        html.ShouldContain($"regions.csv line {line}");
        var version = Regex.Match(before, @"Live version <span class=""mono"">([^<]+)<").Groups[1].Value;
        html.ShouldContain($"Live version <span class=\"mono\">{version}<");
    }

    [Fact]
    public async Task Recognition_Preview_RendersTheNoticeInTheChosenLanguage()
    {
        using var donation = await App.SendAdminAsync(HttpMethod.Post, "/api/donations",
            new StringContent(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "donation.json")), System.Text.Encoding.UTF8, "application/json"));
        donation.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = System.Text.Json.JsonDocument.Parse(await donation.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        using var client = await SignedInAsync();

        var (list, html) = await client.GetAsync("/admin/recognition");
        var (_, preview) = await client.GetAsync($"/admin/recognition?donationId={id}&kind=thank-you&lang=de");

        list.StatusCode.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain(id);
        preview.ShouldContain("id=\"preview\"");
        preview.ShouldContain("Subject:");
        preview.ShouldContain("Vielen Dank", Case.Insensitive);
    }
}
