using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PartnerIntake.IntegrationTests.Infrastructure;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.IntegrationTests;

[Collection(RecognitionCollection.Name)]
public class RecognitionTests(AppFixture fixture)
{
    private static readonly string Donation = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "donation.json"));

    private AppProcess App => fixture.App;

    [Fact]
    public async Task Donation_AsTimeAdvances_ThankYouOnceThenAttributionThenImpactWithImportedFigures()
    {
        var category = "Category:Paintings " + Guid.NewGuid().ToString("N")[..8];
        var donatedOn = DateOnly.FromDateTime((await App.NowAsync()).UtcDateTime); // other tests may have moved the app's clock
        var id = await RecordAsync(d =>
        {
            d["collection"]!["commonsCategory"] = category;
            d["donatedOn"] = donatedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        });
        string Month(int offset) => donatedOn.AddMonths(offset).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        await App.RunFunctionAsync("SendRecognitions");
        File.Exists(Mail(id, "thank-you", 1)).ShouldBeFalse(); // due ten minutes after recording

        await App.AdvanceClockToAsync((await App.NowAsync()).AddMinutes(11));
        await Task.WhenAll(App.RunFunctionAsync("SendRecognitions"), App.RunFunctionAsync("SendRecognitions"), App.RunFunctionAsync("SendRecognitions"));

        var thanks = Eml.Read(Mail(id, "thank-you", 1));
        thanks.Headers["To"].ShouldContain("anna@example.org");
        thanks.Headers["Content-Language"].ShouldBe("pl");
        thanks.Text.ShouldContain("Muzeum Narodowe w Warszawie");
        (await fixture.Storage.CountMailsAsync($"{id}.thank-you")).ShouldBe(1);
        File.Exists(Mail(id, "attribution", 1)).ShouldBeFalse();

        await App.AdvanceClockToAsync((await App.NowAsync()).AddDays(7));
        await App.RunFunctionAsync("SendRecognitions");
        Eml.Read(Mail(id, "attribution", 1)).Text.ShouldContain("Muzeum Narodowe w Warszawie, CC BY-SA 4.0");

        using var metrics = await App.SendAdminAsync(HttpMethod.Post, "/api/recognition/metrics", new StringContent(
            $"category,month,filesUsed,articles,wikis,pageViews\n{category},{Month(0)},700,1200,40,300000\n{category},{Month(1)},750,1300,42,320000\n{category},{Month(2)},812,1533,46,415002\n",
            System.Text.Encoding.UTF8, "text/csv"));
        metrics.StatusCode.ShouldBe(HttpStatusCode.Created);

        var impactDue = (await DonationAsync(id)).GetProperty("notices").EnumerateArray()
            .Single(n => n.GetProperty("kind").GetString() == "impact").GetProperty("dueAt").GetDateTimeOffset();
        await App.AdvanceClockToAsync(impactDue.AddMinutes(1));
        await App.RunFunctionAsync("SendRecognitions");

        var impact = Eml.Read(Mail(id, "impact", 1));
        var pl = CultureInfo.GetCultureInfo("pl");
        impact.Text.ShouldContain((300000L + 320000 + 415002).ToString("N0", pl));
        impact.Text.ShouldContain(812.ToString("N0", pl));
        impact.Headers["List-Unsubscribe"].ShouldStartWith("<http");
        impact.Headers["List-Unsubscribe-Post"].ShouldBe("List-Unsubscribe=One-Click");
        var notices = (await DonationAsync(id)).GetProperty("notices").EnumerateArray()
            .Select(n => $"{n.GetProperty("kind").GetString()}.{n.GetProperty("sequence").GetInt32()}:{n.GetProperty("status").GetString()}").ToList();
        notices.ShouldBe(["thank-you.1:sent", "attribution.1:sent", "impact.1:sent", "impact.2:pending"], ignoreOrder: true);
    }

    [Fact]
    public async Task Unsubscribe_OneClickPost_NoFurtherImpactReportsButThankYouAndAttributionStillGo()
    {
        var id = await RecordAsync(_ => { });
        using var preview = await App.SendAdminAsync(HttpMethod.Get, $"/api/recognition/preview?kind=impact&lang=en&donationId={id}");
        var text = (await preview.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("text").GetString()!;
        var unsubscribe = new Uri(Regex.Match(text, @"https?://\S+/unsubscribe/\S+").Value).PathAndQuery;

        using var page = await App.Web.GetAsync(unsubscribe);
        (await DonationAsync(id)).GetProperty("unsubscribed").GetBoolean().ShouldBeFalse(); // a GET changes nothing
        using var oneClick = await App.Web.PostAsync(unsubscribe, new StringContent("List-Unsubscribe=One-Click", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));

        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        oneClick.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await DonationAsync(id)).GetProperty("unsubscribed").GetBoolean().ShouldBeTrue();

        var due = (await DonationAsync(id)).GetProperty("notices").EnumerateArray().Max(n => n.GetProperty("dueAt").GetDateTimeOffset());
        await App.AdvanceClockToAsync(due.AddMinutes(1)); // every notice of the donation is due now
        await App.RunFunctionAsync("SendRecognitions");

        File.Exists(Mail(id, "thank-you", 1)).ShouldBeTrue();
        File.Exists(Mail(id, "attribution", 1)).ShouldBeTrue();
        File.Exists(Mail(id, "impact", 1)).ShouldBeFalse();
        (await DonationAsync(id)).GetProperty("notices").EnumerateArray()
            .Single(n => n.GetProperty("kind").GetString() == "impact").GetProperty("status").GetString().ShouldBe("skipped");
    }

    [Fact]
    public async Task BackDatedDonation_OverdueReportsCatchUpOverRuns_NoneLeftBehind()
    {
        var donatedOn = DateOnly.FromDateTime((await App.NowAsync()).UtcDateTime).AddDays(-200);
        var id = await RecordAsync(d => d["donatedOn"] = donatedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

        // Impact 1 is long overdue; sending it schedules impact 2, also already overdue: it moves the checkpoint back.
        await App.RunFunctionAsync("SendRecognitions");
        File.Exists(Mail(id, "impact", 1)).ShouldBeTrue();
        await App.RunFunctionAsync("SendRecognitions");

        File.Exists(Mail(id, "impact", 2)).ShouldBeTrue();
        File.Exists(Mail(id, "impact", 3)).ShouldBeFalse(); // its period has not ended
    }

    [Fact]
    public async Task ImportDonations_Csv_AllOrNothingWithLineNumbers()
    {
        var header = "institution.name,institution.country,institution.website,contact.name,contact.email,contact.language,collection.title,collection.commonsCategory,collection.files,collection.license,donatedOn,creditLine,brokeredBy,inquiryReference";
        var good = "Museo del Prado,ES,,Ana García,ana@example.es,es,Goya drawings,Category:Drawings by Goya in the Prado,120,CC0 1.0,2026-10-15,Museo Nacional del Prado,,";
        var bad = "Rijksmuseum,NL,,Jan de Vries,not-an-email,nl,Prints,Category:Prints in the Rijksmuseum,40,CC0 1.0,2026-10-20,Rijksmuseum,,";
        var before = await fixture.Storage.CountRowsAsync(TableNames.Donations);

        using var rejected = await App.SendAdminAsync(HttpMethod.Post, "/api/donations/import", new StringContent($"{header}\n{good}\n{bad}\n", System.Text.Encoding.UTF8, "text/csv"));
        var problem = await rejected.Content.ReadFromJsonAsync<JsonElement>();

        rejected.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").TryGetProperty("line 3: contact.email", out _).ShouldBeTrue();
        (await fixture.Storage.CountRowsAsync(TableNames.Donations)).ShouldBe(before);

        using var accepted = await App.SendAdminAsync(HttpMethod.Post, "/api/donations/import", new StringContent($"{header}\n{good}\n{good.Replace("Goya drawings", "Goya etchings", StringComparison.Ordinal)}\n", System.Text.Encoding.UTF8, "text/csv"));
        accepted.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("count").GetInt32().ShouldBe(2);
        (await fixture.Storage.CountRowsAsync(TableNames.Donations)).ShouldBe(before + 2);
    }

    [Fact]
    public async Task RecordDonation_InvalidOrUnauthenticated_ClearErrorsAndNothingStored()
    {
        var before = await fixture.Storage.CountRowsAsync(TableNames.Donations);
        var invalid = JsonNode.Parse(Donation)!;
        invalid["collection"]!["license"] = "All rights reserved";

        using var bad = await App.SendAdminAsync(HttpMethod.Post, "/api/donations", new StringContent(invalid.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        using var noKey = await App.Http.PostAsync("/api/donations", new StringContent(Donation, System.Text.Encoding.UTF8, "application/json"));

        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        bad.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await bad.Content.ReadAsStringAsync()).ShouldContain("collection.license");
        noKey.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await fixture.Storage.CountRowsAsync(TableNames.Donations)).ShouldBe(before);
    }

    [Fact]
    public async Task Preview_EveryKind_RendersInTheAskedLanguage()
    {
        var id = await RecordAsync(_ => { });

        foreach (var kind in new[] { "thank-you", "attribution", "impact" })
        {
            using var response = await App.SendAdminAsync(HttpMethod.Get, $"/api/recognition/preview?kind={kind}&lang=ar&donationId={id}");
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            var rendered = await response.Content.ReadFromJsonAsync<JsonElement>();
            rendered.GetProperty("html").GetString()!.ShouldContain("dir=\"rtl\"");
            rendered.GetProperty("subject").GetString().ShouldNotBeNullOrWhiteSpace();
        }

        (await App.SendAdminAsync(HttpMethod.Get, $"/api/recognition/preview?kind=poem&lang=en&donationId={id}")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await App.SendAdminAsync(HttpMethod.Get, "/api/recognition/preview?kind=impact&lang=en&donationId=DN-NONE")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private async Task<string> RecordAsync(Action<JsonNode> change)
    {
        var node = JsonNode.Parse(Donation)!;
        change(node);
        using var response = await App.SendAdminAsync(HttpMethod.Post, "/api/donations", new StringContent(node.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private async Task<JsonElement> DonationAsync(string id)
    {
        using var response = await App.SendAdminAsync(HttpMethod.Get, $"/api/donations/{id}");
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private string Mail(string id, string kind, int sequence) => Path.Combine(App.OutboxPath, $"{id}.{kind}.{sequence}.eml");
}
