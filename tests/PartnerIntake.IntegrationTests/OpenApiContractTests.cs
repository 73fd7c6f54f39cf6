using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PartnerIntake.IntegrationTests.Infrastructure;

namespace PartnerIntake.IntegrationTests;

/// <summary>
/// The responses the app really returns, checked against the OpenAPI document it serves at GET /api/openapi.json:
/// documented status, content type and required headers, and a JSON body valid against the document's schema.
/// </summary>
[Collection(AppCollection.Name)]
public class OpenApiContractTests(AppFixture fixture)
{
    private static readonly string DataDir = Path.Combine(Repo.Root, "shared", "PartnerIntake.Shared", "Routing", "Data");

    private static readonly string Donation = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "donation.json"));

    private AppProcess App => fixture.App;

    [Fact]
    public async Task OpenApiDocument_Served_IsOpenApi31AndMatchesItself()
    {
        using var response = await App.Http.GetAsync("/api/openapi.json");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var contract = await ContractAsync();
        var document = await contract.ShouldMatchAsync(response, "get", "/api/openapi.json");
        document.GetProperty("openapi").GetString()!.ShouldStartWith("3.1.");
    }

    [Fact]
    public async Task SubmitInquiry_Valid_202MatchesTheDocument()
    {
        var contract = await ContractAsync();

        using var response = await App.SubmitAsync(Inquiries.Valid);

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var body = await contract.ShouldMatchAsync(response, "post", "/api/inquiries");
        body.GetProperty("status").GetString().ShouldBe("received");
    }

    [Fact]
    public async Task GetInquiryStatusAndInquiryTrail_Routed_200MatchTheDocument()
    {
        var contract = await ContractAsync();
        var reference = await RoutedInquiryAsync();

        using var status = await App.Http.GetAsync($"/api/inquiries/{reference}");
        using var trail = await App.SendAdminAsync(HttpMethod.Get, $"/api/inquiries/{reference}/trail");

        status.StatusCode.ShouldBe(HttpStatusCode.OK);
        var progress = await contract.ShouldMatchAsync(status, "get", "/api/inquiries/{reference}");
        progress.GetProperty("assignee").GetProperty("kind").GetString().ShouldNotBeNullOrEmpty(); // routed: the optional parts are there too
        progress.GetProperty("routedAt").GetDateTimeOffset().ShouldBeGreaterThan(progress.GetProperty("receivedAt").GetDateTimeOffset());
        trail.StatusCode.ShouldBe(HttpStatusCode.OK);
        var history = await contract.ShouldMatchAsync(trail, "get", "/api/inquiries/{reference}/trail");
        history.GetProperty("assignments").GetArrayLength().ShouldBeGreaterThan(0);
        history.GetProperty("trail").GetArrayLength().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task SubmitInquiry_InvalidFields_400ValidationProblemMatchesTheDocument()
    {
        var contract = await ContractAsync();

        using var response = await App.SubmitAsync(Inquiries.With(n =>
        {
            n["organization"]!["country"] = "XX";
            n["contact"]!["emial"] = "typo@example.org";
        }));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await contract.ShouldMatchAsync(response, "post", "/api/inquiries");
        problem.GetProperty("errors").TryGetProperty("organization.country", out _).ShouldBeTrue();
        problem.GetProperty("errors").TryGetProperty("contact.emial", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task ProblemResponses_NotJsonUnknownReferenceNoKeyNoWebhookKey_MatchTheDocument()
    {
        var contract = await ContractAsync();

        using var notJson = await App.Http.PostAsync("/api/inquiries", new StringContent("organization=x", Encoding.UTF8, "text/plain"));
        using var unknown = await App.Http.GetAsync("/api/inquiries/PI-0000-0000-0000-0000");
        using var noKey = await App.Http.GetAsync("/api/routing/tables");
        using var webhook = await App.Http.PostAsync("/api/mail/events", new StringContent("[]", Encoding.UTF8, "application/json"));

        notJson.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        await contract.ShouldMatchAsync(notJson, "post", "/api/inquiries");
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await contract.ShouldMatchAsync(unknown, "get", "/api/inquiries/{reference}");
        noKey.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await contract.ShouldMatchAsync(noKey, "get", "/api/routing/tables");
        webhook.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable); // the shared app has no webhook key
        await contract.ShouldMatchAsync(webhook, "post", "/api/mail/events");
    }

    [Fact]
    public async Task HealthAndLiveness_200MatchTheDocument()
    {
        var contract = await ContractAsync();

        using var health = await App.Http.GetAsync("/api/health");
        using var live = await App.Http.GetAsync("/api/health/live");

        health.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await contract.ShouldMatchAsync(health, "get", "/api/health")).GetProperty("status").GetString().ShouldBe("healthy");
        live.StatusCode.ShouldBe(HttpStatusCode.OK);
        await contract.ShouldMatchAsync(live, "get", "/api/health/live");
    }

    [Fact]
    public async Task RoutingTablesExplainAndDryRun_200MatchTheDocument()
    {
        var contract = await ContractAsync();

        using var tables = await App.SendAdminAsync(HttpMethod.Get, "/api/routing/tables");
        using var explain = await App.SendAdminAsync(HttpMethod.Post, "/api/routing/explain", Json(Inquiries.Valid));
        using var dryRun = await App.SendAdminAsync(HttpMethod.Post, "/api/routing/dry-run", Json(SeedTables()));

        tables.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await contract.ShouldMatchAsync(tables, "get", "/api/routing/tables")).GetProperty("entities").GetInt32().ShouldBeGreaterThan(0);
        explain.StatusCode.ShouldBe(HttpStatusCode.OK);
        var decision = await contract.ShouldMatchAsync(explain, "post", "/api/routing/explain");
        decision.GetProperty("collaborators").GetArrayLength().ShouldBeGreaterThan(0);
        dryRun.StatusCode.ShouldBe(HttpStatusCode.OK, await dryRun.Content.ReadAsStringAsync());
        await contract.ShouldMatchAsync(dryRun, "post", "/api/routing/dry-run");
    }

    [Fact]
    public async Task RoutingImport_TheLiveTablesAsFilesAndAnInvalidSet_MatchTheDocument()
    {
        var contract = await ContractAsync();
        var seed = JsonNode.Parse(SeedTables())!;
        using var form = new MultipartFormDataContent
        {
            { new StringContent(seed["entities"]!.GetValue<string>()), "entities", "entities.csv" },
            { new StringContent(seed["regions"]!.GetValue<string>()), "regions", "regions.csv" },
            { new StringContent(seed["topics"]!.GetValue<string>()), "topics", "topics.csv" },
        };
        seed["regions"] = seed["regions"]!.GetValue<string>().Replace("PL,,wikimedia-polska;", "PL,,wikimedia-polksa;", StringComparison.Ordinal);

        using var alreadyLive = await App.SendAdminAsync(HttpMethod.Post, "/api/routing/import", form);
        using var invalid = await App.SendAdminAsync(HttpMethod.Post, "/api/routing/import", Json(seed.ToJsonString()));

        alreadyLive.StatusCode.ShouldBe(HttpStatusCode.OK, await alreadyLive.Content.ReadAsStringAsync());
        (await contract.ShouldMatchAsync(alreadyLive, "post", "/api/routing/import")).GetProperty("wasAlreadyLive").GetBoolean().ShouldBeTrue();
        invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await contract.ShouldMatchAsync(invalid, "post", "/api/routing/import")).GetProperty("errors").TryGetProperty("regions.csv", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Donation_RecordedReadAndPreviewed_MatchTheDocument()
    {
        var contract = await ContractAsync();
        var donation = JsonNode.Parse(Donation)!;
        donation["contact"]!["email"] = "curator.openapi@museum.example";
        donation["donatedOn"] = DateOnly.FromDateTime((await App.NowAsync()).UtcDateTime).AddDays(-3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        using var recorded = await App.SendAdminAsync(HttpMethod.Post, "/api/donations", Json(donation.ToJsonString()));
        recorded.StatusCode.ShouldBe(HttpStatusCode.Created, await recorded.Content.ReadAsStringAsync());
        var id = (await contract.ShouldMatchAsync(recorded, "post", "/api/donations")).GetProperty("id").GetString()!;
        using var read = await App.SendAdminAsync(HttpMethod.Get, $"/api/donations/{id}");
        using var preview = await App.SendAdminAsync(HttpMethod.Get, $"/api/recognition/preview?kind=thank-you&lang=pl&donationId={id}");

        read.StatusCode.ShouldBe(HttpStatusCode.OK);
        var stored = await contract.ShouldMatchAsync(read, "get", "/api/donations/{id}");
        stored.GetProperty("notices").GetArrayLength().ShouldBeGreaterThan(0);
        stored.GetProperty("submission").GetProperty("brokeredBy").GetString().ShouldBe("wikimedia-polska");
        preview.StatusCode.ShouldBe(HttpStatusCode.OK);
        await contract.ShouldMatchAsync(preview, "get", "/api/recognition/preview");
    }

    [Fact]
    public async Task Donations_InvalidJsonAndCsv_400ValidationProblemsMatchTheDocument()
    {
        var contract = await ContractAsync();
        var header = "institution.name,institution.country,institution.website,contact.name,contact.email,contact.language,collection.title,collection.commonsCategory,collection.files,collection.license,donatedOn,creditLine,brokeredBy,inquiryReference";

        using var json = await App.SendAdminAsync(HttpMethod.Post, "/api/donations", Json(Donation.Replace("\"files\": 5000", "\"files\": 0", StringComparison.Ordinal)));
        using var csv = await App.SendAdminAsync(HttpMethod.Post, "/api/donations/import",
            new StringContent($"{header}\nMuseum,XX,,Anna,anna.csv@museum.example,en,Drawings,Category:Drawings,10,CC BY 4.0,2026-01-01,Museum,,\n", Encoding.UTF8, "text/csv"));

        json.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await contract.ShouldMatchAsync(json, "post", "/api/donations")).GetProperty("errors").TryGetProperty("collection.files", out _).ShouldBeTrue();
        csv.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await contract.ShouldMatchAsync(csv, "post", "/api/donations/import")).GetProperty("errors").TryGetProperty("line 2: institution.country", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Check_AResponseTheDocumentDoesNotAllow_ReportsEachMismatch()
    {
        var contract = await ContractAsync();
        var json = new MediaTypeHeaderValue("application/json");
        var none = new HashSet<string>();
        using var health = await App.Http.GetAsync("/api/health");
        var body = JsonNode.Parse(await health.Content.ReadAsStringAsync())!;

        contract.Check("get", "/api/health", 200, json, none, body.ToJsonString()).ShouldBeEmpty();
        var unknownStatus = JsonNode.Parse(body.ToJsonString())!;
        unknownStatus["status"] = "sick";
        contract.Check("get", "/api/health", 200, json, none, unknownStatus.ToJsonString()).ShouldHaveSingleItem().ShouldContain("/status");
        var extra = JsonNode.Parse(body.ToJsonString())!;
        extra["uptime"] = 5;
        contract.Check("get", "/api/health", 200, json, none, extra.ToJsonString()).ShouldHaveSingleItem().ShouldContain("/uptime");
        var missing = JsonNode.Parse(body.ToJsonString())!.AsObject();
        missing.Remove("storage");
        contract.Check("get", "/api/health", 200, json, none, missing.ToJsonString()).ShouldHaveSingleItem().ShouldContain("storage");
        contract.Check("get", "/api/health", 500, json, none, body.ToJsonString()).ShouldBe(["status 500 is not documented"]);
        contract.Check("get", "/api/health", 200, new MediaTypeHeaderValue("text/plain"), none, "healthy").ShouldHaveSingleItem().ShouldContain("text/plain");
        contract.Check("delete", "/api/health", 200, json, none, body.ToJsonString()).ShouldHaveSingleItem().ShouldContain("no operation");
        contract.Check("post", "/api/inquiries", 202, json, none, """{"reference":"PI-7JYR-KH0B-H6MZ-767K","status":"received","statusUrl":"http://x/api/inquiries/PI-7JYR-KH0B-H6MZ-767K"}""")
            .ShouldBe(["required header Location is missing"]);
        using var tables = await App.SendAdminAsync(HttpMethod.Get, "/api/routing/tables");
        var failure = await Record.ExceptionAsync(() => contract.ShouldMatchAsync(tables, "post", "/api/routing/explain")); // a TablesSummary is no RoutingDecision
        failure.ShouldBeOfType<ShouldAssertException>().Message.ShouldContain("RoutingDecision");
    }

    [Fact]
    public async Task RequestSchemas_TheContractsExamples_ValidateAndUnknownFieldsDoNot()
    {
        var contract = await ContractAsync();

        contract.Validate("/components/schemas/InquirySubmission", Inquiries.Valid).ShouldBeEmpty();
        contract.Validate("/components/schemas/DonationSubmission", Donation).ShouldBeEmpty();
        contract.Validate("/components/schemas/InquirySubmission", Inquiries.With(n => n["organisation"] = "typo")).ShouldNotBeEmpty();
        contract.Validate("/components/schemas/DonationSubmission", Donation.Replace("\"license\": \"CC BY-SA 4.0\"", "\"license\": \"GPL\"", StringComparison.Ordinal))
            .ShouldNotBeEmpty();
    }

    private Task<OpenApiContract> ContractAsync() => OpenApiContract.LoadAsync(App.Http);

    private async Task<string> RoutedInquiryAsync()
    {
        var reference = await App.SubmitValidAsync(Inquiries.Valid);
        await Eventually.HoldsAsync(async () => (await App.StatusAsync(reference)).GetProperty("status").GetString() == "routed",
            TimeSpan.FromSeconds(10), "status routed");
        return reference;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string SeedTables() => new JsonObject
    {
        ["entities"] = File.ReadAllText(Path.Combine(DataDir, "entities.csv")),
        ["regions"] = File.ReadAllText(Path.Combine(DataDir, "regions.csv")),
        ["topics"] = File.ReadAllText(Path.Combine(DataDir, "topics.csv")),
    }.ToJsonString();
}
