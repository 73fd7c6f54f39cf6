using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using PartnerIntake.IntegrationTests.Infrastructure;
using PartnerIntake.Shared.Console;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.IntegrationTests.Web;

/// <summary>Recognition in the console: the donation form, an inquiry's donations, the outbox list and the mail previews, over real storage.</summary>
[Collection(WebCollection.Name)]
public class ConsoleRecognitionPagesTests(WebAppFixture fixture)
{
    private static readonly string DonationJson = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "donation.json"));

    private const string StrictPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private const string PreviewPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; frame-ancestors 'self'; base-uri 'none'; sandbox";

    private AppProcess App => fixture.App;

    /// <summary>The API's test donation as the console's form fields (the contract's JSON paths).</summary>
    private static List<KeyValuePair<string, string>> Fields(string? inquiryReference = null, string institution = "Muzeum Narodowe w Warszawie") =>
    [
        new("institution.name", institution),
        new("institution.country", "PL"),
        new("institution.website", "https://mnw.art.pl"),
        new("contact.name", "Anna Nowak"),
        new("contact.email", "anna@example.org"),
        new("contact.language", "pl"),
        new("collection.title", "19th-century paintings"),
        new("collection.commonsCategory", "Category:Paintings in the National Museum in Warsaw"),
        new("collection.files", "5000"),
        new("collection.license", "CC BY-SA 4.0"),
        new("donatedOn", "2026-11-01"),
        new("creditLine", "Muzeum Narodowe w Warszawie, CC BY-SA 4.0"),
        new("brokeredBy", "wikimedia-polska"),
        new("inquiryReference", inquiryReference ?? ""),
    ];

    [Fact]
    public async Task DonationForm_ValidFields_StoredExactlyAsTheApiStoresItAndAudited()
    {
        using var api = await App.SendAdminAsync(HttpMethod.Post, "/api/donations", new StringContent(DonationJson, System.Text.Encoding.UTF8, "application/json"));
        api.StatusCode.ShouldBe(HttpStatusCode.Created);
        var apiId = JsonDocument.Parse(await api.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        using var client = await SignedInAsync();
        await client.GetAsync("/admin/donation");

        var (response, _) = await client.PostAsync("/admin/donation", Fields());

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var location = response.Headers.Location!.OriginalString;
        location.ShouldStartWith("/admin/recognition?recorded=");
        var formId = Uri.UnescapeDataString(location[(location.IndexOf('=', StringComparison.Ordinal) + 1)..]);
        var fromApi = await DonationEntityAsync(apiId);
        var fromForm = await DonationEntityAsync(formId);
        fromForm.GetString("Document").ShouldBe(fromApi.GetString("Document"));
        fromForm.GetString("Institution").ShouldBe(fromApi.GetString("Institution"));
        fromForm.GetString("Country").ShouldBe(fromApi.GetString("Country"));
        fromForm.GetBoolean("Unsubscribed").ShouldBe(false);
        (await NoticesAsync(formId)).ShouldBe(await NoticesAsync(apiId));
        (await NoticesAsync(formId)).ShouldNotBeEmpty();
        var audit = await fixture.Storage.Table(TableNames.OperatorActions)
            .QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {ConsoleDonations.Scope} and Subject eq {formId}")).ToListAsync();
        audit.ShouldHaveSingleItem().GetString("Action").ShouldBe(ConsoleDonations.Recorded);
        var (_, recognition) = await client.GetAsync(location);
        recognition.ShouldContain("id=\"recorded\"");
        recognition.ShouldContain(formId);
        Regex.IsMatch(recognition, @"\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC").ShouldBeTrue();
    }

    [Fact]
    public async Task DonationForm_BadFields_ErrorPerFieldAndNothingStored()
    {
        using var client = await SignedInAsync();
        await client.GetAsync("/admin/donation");
        var before = await fixture.Storage.CountRowsAsync(TableNames.Donations);
        var fields = Fields(institution: "Bad Fields Museum")
            .Select(f => f.Key switch
            {
                "institution.country" => new KeyValuePair<string, string>(f.Key, ""),
                "collection.files" => new(f.Key, "many"),
                "donatedOn" => new(f.Key, "2999-01-01"),
                _ => f,
            }).ToList();

        var (response, html) = await client.PostAsync("/admin/donation", fields);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        html.ShouldContain("id=\"error-summary\"");
        html.ShouldContain("id=\"f-institution-country-error\"");
        html.ShouldContain("id=\"f-collection-files-error\"");
        html.ShouldContain("id=\"f-donatedOn-error\"");
        html.ShouldContain("href=\"#f-collection-files\"");
        html.ShouldContain("Must not be in the future.");
        html.ShouldNotContain("id=\"f-institution-name-error\"");
        html.ShouldContain("value=\"Bad Fields Museum\""); // what was typed stays
        (await fixture.Storage.CountRowsAsync(TableNames.Donations)).ShouldBe(before);
    }

    [Fact]
    public async Task DonationForm_WithoutAntiforgeryToken_RefusedAndNothingStored()
    {
        using var client = await SignedInAsync();
        var before = await fixture.Storage.CountRowsAsync(TableNames.Donations);

        var (response, _) = await client.PostAsync("/admin/donation", Fields(), withHiddenFields: false);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await fixture.Storage.CountRowsAsync(TableNames.Donations)).ShouldBe(before);
    }

    [Fact]
    public async Task InquiryPage_DonationRecordedFromIt_PrefilledAndListedOnTheInquiry()
    {
        var reference = await RoutedInquiryAsync("Linked Donation Museum");
        var other = await RoutedInquiryAsync("Inquiry Without Donations");
        using var client = await SignedInAsync();
        var (_, before) = await client.GetAsync($"/admin/inquiry/{reference}");
        before.ShouldContain("No donations recorded for this inquiry yet.");
        before.ShouldContain($"/admin/donation?inquiry={reference}");

        var (_, form) = await client.GetAsync($"/admin/donation?inquiry={reference}");
        var (posted, _) = await client.PostAsync("/admin/donation", Fields(reference, "Linked Donation Museum"));
        var id = Uri.UnescapeDataString(posted.Headers.Location!.OriginalString.Split('=')[1]);
        var (_, after) = await client.GetAsync($"/admin/inquiry/{reference}");
        var (_, unrelated) = await client.GetAsync($"/admin/inquiry/{other}");

        form.ShouldContain($"value=\"{reference}\"");
        form.ShouldContain("value=\"Linked Donation Museum\"");
        posted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        after.ShouldContain("id=\"inquiry-donations-table\"");
        after.ShouldContain(id);
        after.ShouldContain("19th-century paintings (5000 files, CC BY-SA 4.0)");
        unrelated.ShouldNotContain(id);
        unrelated.ShouldContain("No donations recorded for this inquiry yet.");
    }

    [Fact]
    public async Task Outbox_List_ShowsToAndSubjectRatherThanFileNames()
    {
        var reference = await RoutedInquiryAsync("Outbox Subject Museum");
        var file = $"{reference}.acknowledgement.eml";
        await Eventually.HoldsAsync(() => Task.FromResult(File.Exists(Path.Combine(App.OutboxPath, file))), TimeSpan.FromSeconds(10), "acknowledgement written");
        var eml = Eml.Read(Path.Combine(App.OutboxPath, file));
        using var client = await SignedInAsync();

        var (response, html) = await client.GetAsync("/admin/outbox");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var row = Regex.Match(html, $@"<tr>(?:(?!</tr>).)*/admin/outbox/{Regex.Escape(file)}(?:(?!</tr>).)*</tr>", RegexOptions.Singleline).Value;
        row.ShouldNotBeEmpty();
        row.ShouldContain(WebUtility.HtmlEncode(eml.Headers["Subject"]));
        row.ShouldContain(WebUtility.HtmlEncode(eml.Headers["To"]));
        row.ShouldNotContain($">{file}<"); // the file name is the link's address, not its text
        row.ShouldContain(" UTC");
        html.ShouldContain("<th scope=\"col\">To</th>");
    }

    [Fact]
    public async Task MailPreview_OwnRoute_InlineStylesButNoScriptsAndFramedOnlyByUs()
    {
        var reference = await RoutedInquiryAsync("Preview Policy Museum");
        var file = $"{reference}.acknowledgement.eml";
        await Eventually.HoldsAsync(() => Task.FromResult(File.Exists(Path.Combine(App.OutboxPath, file))), TimeSpan.FromSeconds(10), "acknowledgement written");
        var donation = await RecordByApiAsync();
        using var client = await SignedInAsync();
        using var anonymous = new PageClient(App);

        var (message, page) = await client.GetAsync($"/admin/outbox/{file}");
        var (outboxHtml, mail) = await client.GetAsync($"/admin/mailpreview/outbox?id={reference}.acknowledgement");
        var (noticeHtml, notice) = await client.GetAsync($"/admin/mailpreview/notice?donationId={donation}&kind=thank-you&lang=pl");
        var (missing, _) = await client.GetAsync("/admin/mailpreview/outbox?id=..%2F..%2Fetc%2Fpasswd");
        var (badLanguage, _) = await client.GetAsync($"/admin/mailpreview/notice?donationId={donation}&kind=thank-you&lang=xx");
        var (signedOut, signedOutBody) = await anonymous.GetAsync($"/admin/mailpreview/outbox?id={reference}.acknowledgement");

        foreach (var (response, what) in new[] { (outboxHtml, "outbox preview"), (noticeHtml, "notice preview") })
        {
            response.StatusCode.ShouldBe(HttpStatusCode.OK, what);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html", what);
            var csp = response.Headers.GetValues("Content-Security-Policy").Single();
            csp.ShouldBe(PreviewPolicy, what);
            csp.ShouldContain("style-src 'unsafe-inline'");
            csp.ShouldContain("frame-ancestors 'self'");
            csp.ShouldNotContain("script-src");
            csp.ShouldContain("default-src 'none'");
            response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        }

        mail.ShouldBe(Eml.Read(Path.Combine(App.OutboxPath, file)).Html);
        notice.ShouldContain("<html", Case.Insensitive);
        // Everything else keeps the strict policy: the page that frames the preview, errors, and the sign-in redirect.
        foreach (var (response, what) in new[] { (message, "outbox page"), (missing, "missing preview"), (badLanguage, "bad language"), (signedOut, "signed out") })
        {
            response.Headers.GetValues("Content-Security-Policy").Single().ShouldBe(StrictPolicy, what);
        }

        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        badLanguage.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        signedOut.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signedOutBody.ShouldNotContain(reference);
        page.ShouldContain($"src=\"/admin/mailpreview/outbox?id={file}\"");
        page.ShouldNotContain("srcdoc");
        Regex.IsMatch(page, @"<iframe[^>]*\ssandbox[\s>]").ShouldBeTrue();
        page.ShouldNotContain("allow-scripts");
    }

    [Fact]
    public async Task Recognition_PreviewWithoutALanguage_InTheDonorsLanguageWithTheOthersOffered()
    {
        var id = await RecordByApiAsync(); // contact.language = pl
        using var client = await SignedInAsync();

        var (_, list) = await client.GetAsync("/admin/recognition");
        var (_, preview) = await client.GetAsync($"/admin/recognition?donationId={id}&kind=thank-you");
        var (_, german) = await client.GetAsync($"/admin/recognition?donationId={id}&kind=thank-you&lang=de");

        Regex.IsMatch(list, $@"id=""lang-{Regex.Escape(id)}""(?:(?!</select>).)*<option value=""pl"" selected=""selected"">Polish \(donor&#x27;s\)", RegexOptions.Singleline)
            .ShouldBeTrue();
        preview.ShouldContain($"lang=pl");
        preview.ShouldContain("in Polish for");
        preview.ShouldContain("The donor&#x27;s language.");
        preview.ShouldContain($"lang=de");
        german.ShouldContain("in German for");
        german.ShouldContain("The donor&#x27;s language is Polish.");
    }

    [Fact]
    public async Task Recognition_PreviewOfAnUnreadableDonation_SaysSoInsteadOfFailing()
    {
        var id = "DN-BROKEN" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        await fixture.Storage.InsertAsync(TableNames.Donations, new TableEntity(id, "donation")
        {
            ["Document"] = "{not json", ["RecordedAt"] = TimeProvider.System.GetUtcNow(), ["Institution"] = "Broken", ["Country"] = "PL", ["Unsubscribed"] = false,
        });
        using var client = await SignedInAsync();

        var (page, html) = await client.GetAsync($"/admin/recognition?donationId={id}&kind=thank-you&lang=en");
        var (frame, _) = await client.GetAsync($"/admin/mailpreview/notice?donationId={id}&kind=thank-you&lang=en");

        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("stored record cannot be read");
        frame.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("/admin/donation")]
    [InlineData("/admin/mailpreview/notice?donationId=DN-X&kind=thank-you&lang=en")]
    [InlineData("/admin/mailpreview/outbox?id=x.eml")]
    public async Task NewConsolePages_SignedOut_SentToSignIn(string path)
    {
        using var anonymous = new PageClient(App);

        var (response, _) = await anonymous.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldContain("/admin/signin");
    }

    [Fact]
    public async Task DonationForm_SignedOutPost_NotRecorded()
    {
        using var anonymous = new PageClient(App);
        var before = await fixture.Storage.CountRowsAsync(TableNames.Donations);

        var (response, _) = await anonymous.PostAsync("/admin/donation", Fields());

        ((int)response.StatusCode).ShouldBeInRange(300, 499);
        (await fixture.Storage.CountRowsAsync(TableNames.Donations)).ShouldBe(before);
    }

    private Task<PageClient> SignedInAsync() => PageClient.SignedInAsync(App);

    private async Task<string> RoutedInquiryAsync(string organization)
    {
        var reference = await App.SubmitValidAsync(Inquiries.With(i => i["organization"]!["name"] = organization));
        await Eventually.HoldsAsync(async () => (await App.StatusAsync(reference)).GetProperty("status").GetString() == "routed",
            TimeSpan.FromSeconds(10), "routed");
        return reference;
    }

    private async Task<string> RecordByApiAsync()
    {
        using var response = await App.SendAdminAsync(HttpMethod.Post, "/api/donations", new StringContent(DonationJson, System.Text.Encoding.UTF8, "application/json"));
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
    }

    private async Task<TableEntity> DonationEntityAsync(string id) =>
        (await fixture.Storage.Table(TableNames.Donations).GetEntityAsync<TableEntity>(id, "donation")).Value;

    private async Task<List<string>> NoticesAsync(string donationId) =>
        (await fixture.Storage.Table(TableNames.Notices).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"DonationId eq {donationId}")).ToListAsync())
            .Select(e => $"{e.GetString("Kind")}#{e.GetInt32("Sequence")}").Order(StringComparer.Ordinal).ToList();
}
