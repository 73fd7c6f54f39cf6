using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using PartnerIntake.IntegrationTests.Infrastructure;
using PartnerIntake.Shared.Privacy;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.IntegrationTests.Privacy;

/// <summary>
/// Erasure and access through the real API: a partner with a routed, accepted inquiry and a donation whose thank-you
/// was sent; the export names every record that holds their address, and after the erasure no table row and no file
/// in the outbox folder holds their address, name or message, while the inquiry's non-personal record stays.
/// </summary>
[Collection(PrivacyCollection.Name)]
public sealed class PrivacyApiTests(AppFixture fixture)
{
    private static readonly string Donation = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "donation.json"));

    private AppProcess App => fixture.App;

    [Fact]
    public async Task Erasure_PartnerWithInquiryMailsAcceptanceAndDonation_LeavesNoTraceButTheNonPersonalRecord()
    {
        var (email, name, message, reference, donationId) = await PartnerWithEverythingAsync();
        var accept = App.Link(reference, 1, "Accept");
        var needles = new[] { email, name, message };
        var facts = await DashboardFactAsync(reference);
        var assignmentsBefore = await fixture.Storage.CountAssignmentsAsync(reference);

        // Access first: everything the scan finds is named in the export.
        using var exportResponse = await PostAsync("/api/privacy/export", new { email = email.ToUpperInvariant() });
        exportResponse.StatusCode.ShouldBe(HttpStatusCode.OK);
        var contract = await OpenApiContract.LoadAsync(App.Http);
        var export = await contract.ShouldMatchAsync(exportResponse, "post", "/api/privacy/export");
        var exportedInquiries = export.GetProperty("inquiries").EnumerateArray().Select(i => i.GetProperty("reference").GetString()).ToList();
        var exportedDonations = export.GetProperty("donations").EnumerateArray().Select(d => d.GetProperty("id").GetString()).ToList();
        var exportedMails = export.GetProperty("inquiries").EnumerateArray().Concat(export.GetProperty("donations").EnumerateArray())
            .SelectMany(o => o.GetProperty("mails").EnumerateArray()).Select(m => m.GetProperty("outboxId").GetString()).ToList();
        exportedInquiries.ShouldBe([reference]);
        exportedDonations.ShouldBe([donationId]);
        export.GetProperty("inquiries")[0].GetProperty("submission").GetProperty("contact").GetProperty("name").GetString().ShouldBe(name);
        export.GetProperty("inquiries")[0].GetProperty("mails").EnumerateArray().ShouldContain(m => m.GetProperty("toThem").GetBoolean());
        export.GetProperty("donations")[0].GetProperty("mails").GetArrayLength().ShouldBeGreaterThan(0);

        var rowsBefore = await PersonalDataScan.TablesAsync(fixture.Storage.Account, needles);
        var filesBefore = PersonalDataScan.Files(App.OutboxPath, needles);
        rowsBefore.ShouldNotBeEmpty();
        filesBefore.ShouldNotBeEmpty();
        foreach (var hit in rowsBefore)
        {
            var covered = hit.Table switch
            {
                TableNames.Inquiries when hit.RowKey.StartsWith(TableMailOutbox.RowPrefix, StringComparison.Ordinal) =>
                    exportedMails.Contains($"{hit.PartitionKey}.{hit.RowKey[TableMailOutbox.RowPrefix.Length..]}"),
                TableNames.Inquiries => exportedInquiries.Contains(hit.PartitionKey),
                TableNames.Donations => exportedDonations.Contains(hit.PartitionKey),
                TableNames.MailOutbox => exportedMails.Contains(hit.PartitionKey),
                _ => false,
            };
            covered.ShouldBeTrue($"{hit} holds the person's data but is not in the export");
        }

        foreach (var file in filesBefore)
        {
            exportedMails.ShouldContain(Path.GetFileNameWithoutExtension(file), $"{file} holds the person's data but is not in the export");
        }

        var emlBefore = exportedMails.Count(id => File.Exists(Path.Combine(App.OutboxPath, id + ".eml")));
        emlBefore.ShouldBe(exportedMails.Count);

        // The erasure (the address in another case: addresses are matched as the acknowledgement cap matches them).
        using var erased = await PostAsync("/api/privacy/erasure", new { email = email.ToUpperInvariant() });
        erased.StatusCode.ShouldBe(HttpStatusCode.OK);
        var counts = Counts(await contract.ShouldMatchAsync(erased, "post", "/api/privacy/erasure"));
        counts["inquiries"].ShouldBe(1);
        counts["donations"].ShouldBe(1);
        counts["outbox"].ShouldBe(exportedMails.Count);
        counts["eml"].ShouldBe(emlBefore);
        counts["mailEvents"].ShouldBe(1);
        counts["duplicateIndex"].ShouldBe(1);
        counts["idempotencyKeys"].ShouldBe(1);
        counts["acknowledgementCounts"].ShouldBe(1);
        counts["index"].ShouldBe(2);

        (await PersonalDataScan.TablesAsync(fixture.Storage.Account, needles)).ShouldBeEmpty();
        PersonalDataScan.Files(App.OutboxPath, needles).ShouldBeEmpty();
        Directory.GetFiles(App.OutboxPath, reference + ".*").ShouldBeEmpty();
        Directory.GetFiles(App.OutboxPath, donationId + ".*").ShouldBeEmpty();

        // The memory of the partnership stays: the inquiry's record, its routing decision and assignments, the counts.
        var row = (await fixture.Storage.Table(TableNames.Inquiries).GetEntityAsync<TableEntity>(reference, "inquiry")).Value;
        row.GetString("Status").ShouldBe("accepted");
        row.GetString("Country").ShouldBe("PL");
        row.GetString("AssigneeId").ShouldNotBeNullOrEmpty();
        row.GetDateTimeOffset("PersonalDataErasedAt").ShouldNotBeNull();
        var document = JsonNode.Parse(row.GetString("Document"))!;
        document["organization"]!["name"]!.GetValue<string>().ShouldBe("Muzeum Narodowe w Warszawie");
        document["contact"]!["name"]!.GetValue<string>().ShouldBe(Erased.Marker);
        document["message"]!.GetValue<string>().ShouldBe(Erased.Marker);
        (await fixture.Storage.CountAssignmentsAsync(reference)).ShouldBe(assignmentsBefore);
        (await fixture.Storage.CountRowsAsync(TableNames.Inquiries, reference, TableMailOutbox.RowPrefix)).ShouldBe(
            exportedMails.Count(id => id!.StartsWith(reference, StringComparison.Ordinal)));
        (await DashboardFactAsync(reference)).ShouldBe(facts);
        using var trail = await App.SendAdminAsync(HttpMethod.Get, $"/api/inquiries/{reference}/trail");
        trail.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await trail.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("assignments")[0].GetProperty("decision").ValueKind.ShouldBe(JsonValueKind.Object);
        (await App.StatusAsync(reference)).GetProperty("status").GetString().ShouldBe("accepted");
        using var status = await App.Web.GetAsync($"/status/{reference}");
        status.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var actionPage = await App.Web.GetAsync(accept);
        actionPage.StatusCode.ShouldBe(HttpStatusCode.Conflict); // the link was used: "already accepted", with the partner's contact
        var actionHtml = await actionPage.Content.ReadAsStringAsync();
        actionHtml.ShouldContain(Erased.Marker);
        actionHtml.ShouldNotContain(name, Case.Insensitive);
        (await fixture.Storage.Table(TableNames.OperatorActions).QueryAsync<TableEntity>(e => e.PartitionKey == PersonalDataEraser.AuditScope).ToListAsync())
            .ShouldContain(e => e.GetString("Action") == "erase-person" && e.GetString("Actor") == "api");

        // Twice: nothing left to erase.
        using var again = await PostAsync("/api/privacy/erasure", new { email });
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        Counts(await again.Content.ReadFromJsonAsync<JsonElement>()).Values.ShouldAllBe(c => c == 0);
    }

    [Fact]
    public async Task Erasure_UnknownAddress_200WithZeroCounts()
    {
        using var response = await PostAsync("/api/privacy/erasure", new { email = $"nobody-{Guid.NewGuid():N}@example.org" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var counts = Counts(await response.Content.ReadFromJsonAsync<JsonElement>());
        counts.ShouldNotBeEmpty();
        counts.Values.ShouldAllBe(c => c == 0);
    }

    [Fact]
    public async Task Export_UnknownAddress_200WithEmptyLists()
    {
        using var response = await PostAsync("/api/privacy/export", new { email = $"nobody-{Guid.NewGuid():N}@example.org" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("inquiries").GetArrayLength().ShouldBe(0);
        body.GetProperty("donations").GetArrayLength().ShouldBe(0);
    }

    [Theory]
    [InlineData("/api/privacy/erasure", "{\"email\":\"not-an-address\"}")]
    [InlineData("/api/privacy/erasure", "{\"email\":42}")]
    [InlineData("/api/privacy/erasure", "{}")]
    [InlineData("/api/privacy/erasure", "[\"a@example.org\"]")]
    [InlineData("/api/privacy/erasure", "{\"email\":")]
    [InlineData("/api/privacy/export", "{\"email\":\"a@@example.org\"}")]
    public async Task Erasure_MalformedAddressOrBody_400NamingEmail(string path, string body)
    {
        using var response = await App.SendAdminAsync(HttpMethod.Post, path, new StringContent(body, Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("email", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Erasure_NoKeyOrTooLarge_401And413()
    {
        using var noKey = await App.Http.PostAsync("/api/privacy/erasure", JsonContent.Create(new { email = "a@example.org" }));
        using var large = await App.SendAdminAsync(HttpMethod.Post, "/api/privacy/erasure",
            new StringContent($"{{\"email\":\"a@example.org\",\"pad\":\"{new string('x', 10_000)}\"}}", Encoding.UTF8, "application/json"));

        noKey.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        large.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
    }

    /// <summary>
    /// A partner whose inquiry (sent with an Idempotency-Key) was routed and accepted through the affiliate's link, who
    /// donated a collection and was thanked, and whose acknowledgement has a delivery event.
    /// </summary>
    private async Task<(string Email, string Name, string Message, string Reference, string DonationId)> PartnerWithEverythingAsync()
    {
        var id = Guid.NewGuid().ToString("N")[..10];
        var (email, name, message) = ($"Zofia.Erase-{id}@Museum.example", $"Zofia Erasmus-{id}", $"Scans of the {id} collection, please.");
        var json = Inquiries.With(i =>
        {
            i["contact"]!["email"] = email;
            i["contact"]!["name"] = name;
            i["message"] = message;
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/inquiries") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", "privacy-" + id);
        using var submitted = await App.Http.SendAsync(request);
        submitted.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var reference = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString()!;
        await Eventually.HoldsAsync(() => Task.FromResult(File.Exists(Path.Combine(App.OutboxPath, $"{reference}.assignment.1.eml"))),
            TimeSpan.FromSeconds(15), "assignment e-mail sent");

        var accept = App.Link(reference, 1, "Accept");
        using (var accepted = await App.PostLinkAsync(accept, []))
        {
            accepted.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await accepted.Content.ReadAsStringAsync()).ShouldContain(name); // the affiliate now sees the partner's contact
        }

        var donation = JsonNode.Parse(Donation)!;
        donation["contact"]!["email"] = email.ToLowerInvariant();
        donation["contact"]!["name"] = name;
        donation["inquiryReference"] = reference;
        donation["donatedOn"] = DateOnly.FromDateTime((await App.NowAsync()).UtcDateTime).AddDays(-3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        using var recorded = await App.SendAdminAsync(HttpMethod.Post, "/api/donations", new StringContent(donation.ToJsonString(), Encoding.UTF8, "application/json"));
        recorded.StatusCode.ShouldBe(HttpStatusCode.Created, await recorded.Content.ReadAsStringAsync());
        var donationId = (await recorded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await App.AdvanceClockToAsync((await App.NowAsync()).AddMinutes(30));
        await App.RunFunctionAsync("SendRecognitions");
        await Eventually.HoldsAsync(() => Task.FromResult(Directory.GetFiles(App.OutboxPath, donationId + ".*.eml").Length > 0),
            TimeSpan.FromSeconds(15), "thank-you sent");

        // Every mail of the inquiry settled, and a delivery event for one of them as the webhook stores it.
        await Eventually.HoldsAsync(async () =>
            (await fixture.Storage.Table(TableNames.Inquiries).QueryAsync<TableEntity>(e => e.PartitionKey == reference).ToListAsync())
                .Where(e => e.RowKey.StartsWith(TableMailOutbox.RowPrefix, StringComparison.Ordinal))
                .All(e => e.GetString("State") == "sent"), TimeSpan.FromSeconds(15), "mails settled");
        var acknowledgement = Path.GetFileNameWithoutExtension(Directory.GetFiles(App.OutboxPath, reference + ".acknowledgement*.eml").Single());
        await fixture.Storage.InsertAsync(TableNames.MailEvents, new TableEntity(acknowledgement, "event-" + id)
        {
            ["Event"] = "delivered", ["At"] = DateTimeOffset.UnixEpoch, ["EventId"] = "event-" + id, ["OutboxId"] = acknowledgement, ["Applied"] = true,
        });
        return (email, name, message, reference, donationId);
    }

    /// <summary>What the dashboard counts for the inquiry (status, country, topics, assignee, dates), as one comparable line.</summary>
    private async Task<string> DashboardFactAsync(string reference)
    {
        var facts = await new TableDashboardSource(fixture.Storage.Account).ReadAsync((await App.NowAsync()).AddDays(-90), default);
        var f = facts.Inquiries.Single(i => i.Reference == reference);
        return $"{f.Status}|{f.ReceivedAt:O}|{f.Country}|{string.Join(',', f.Topics)}|{f.AssigneeId}|{f.AssigneeKind}|{f.AcceptedAt:O}";
    }

    private Task<HttpResponseMessage> PostAsync(string path, object body) =>
        App.SendAdminAsync(HttpMethod.Post, path, JsonContent.Create(body));

    private static Dictionary<string, int> Counts(JsonElement body) =>
        body.GetProperty("erased").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
}
