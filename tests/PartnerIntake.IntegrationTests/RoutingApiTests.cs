using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PartnerIntake.IntegrationTests.Infrastructure;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.IntegrationTests;

[Collection(AppCollection.Name)]
public class RoutingApiTests(AppFixture fixture)
{
    private static readonly string DataDir = Path.Combine(Repo.Root, "shared", "PartnerIntake.Shared", "Routing", "Data");

    private AppProcess App => fixture.App;

    [Fact]
    public async Task Explain_ValidInquiry_ReturnsTheDecisionAndStoresNothing()
    {
        var before = await fixture.Storage.CountInquiriesAsync();

        using var response = await SendAsync(HttpMethod.Post, "/api/routing/explain", new StringContent(Inquiries.Valid, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var decision = await response.Content.ReadFromJsonAsync<JsonElement>();
        decision.GetProperty("primary").GetProperty("id").GetString().ShouldBe("wikimedia-polska");
        decision.GetProperty("primary").GetProperty("kind").GetString().ShouldBe("chapter");
        decision.GetProperty("collaborators")[0].GetProperty("role").GetString().ShouldNotBeNullOrEmpty();
        decision.GetProperty("rules").GetArrayLength().ShouldBeGreaterThan(0);
        decision.GetProperty("rules")[0].GetProperty("inputs").GetProperty("country").GetString().ShouldBe("PL");
        decision.TryGetProperty("passedOver", out _).ShouldBeTrue();
        decision.GetProperty("tablesVersion").GetString().ShouldStartWith("v-");
        (await fixture.Storage.CountInquiriesAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Explain_InvalidInquiry_Answers400PerField()
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/routing/explain",
            new StringContent(Inquiries.With(n => n["organization"]!["country"] = "XX"), System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("organization.country");
    }

    [Theory]
    [InlineData("POST", "/api/routing/explain")]
    [InlineData("POST", "/api/routing/dry-run")]
    [InlineData("POST", "/api/routing/import")]
    [InlineData("GET", "/api/routing/tables")]
    public async Task RoutingEndpoints_WithoutAdminKey_Answer401(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = new StringContent(Inquiries.Valid, System.Text.Encoding.UTF8, "application/json");
        }

        (await App.Http.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task DryRun_CandidateMovingPoland_ReportsTheChangedDecisionsAndImportsNothing()
    {
        var reference = await RoutedPolishInquiryAsync();
        var liveBefore = await LiveVersionAsync();

        using var response = await SendAsync(HttpMethod.Post, "/api/routing/dry-run", JsonContent.Create(PolandWithoutChapter()));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        report.GetProperty("liveVersion").GetString().ShouldBe(liveBefore);
        report.GetProperty("candidateVersion").GetString().ShouldNotBe(liveBefore);
        report.GetProperty("inquiries").GetInt32().ShouldBeGreaterThan(0);
        var change = report.GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("reference").GetString() == reference);
        change.GetProperty("before").GetProperty("primary").GetProperty("id").GetString().ShouldBe("wikimedia-polska");
        change.GetProperty("after").GetProperty("primary").GetProperty("id").GetString().ShouldBe("wmf-region-cee");
        (await LiveVersionAsync()).ShouldBe(liveBefore);
    }

    [Fact]
    public async Task Import_InvalidCandidate_Answers400WithLineNumbersAndLeavesLiveTables()
    {
        var liveBefore = await LiveVersionAsync();
        var candidate = Seed() with { Regions = Seed().Regions.Replace("PL,,wikimedia-polska;", "PL,,wikimedia-polksa;", StringComparison.Ordinal) };

        using var response = await SendAsync(HttpMethod.Post, "/api/routing/import", JsonContent.Create(candidate));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").GetProperty("regions.csv")[0].GetString()!.ShouldMatch(@"^regions\.csv:\d+: unknown entity 'wikimedia-polksa'$");
        (await LiveVersionAsync()).ShouldBe(liveBefore);
    }

    [Fact]
    public async Task Import_LineBreakInAnEntityName_Answers400OnItsLineAndLeavesLiveTables()
    {
        var liveBefore = await LiveVersionAsync();
        var candidate = Seed() with
        {
            Entities = Seed().Entities.Replace("wikimedia-polska,Wikimedia Polska,", "wikimedia-polska,\"Wikimedia\r\nBcc: x@example.org\",", StringComparison.Ordinal),
        };
        var line = Seed().Entities.Split('\n').ToList().FindIndex(l => l.StartsWith("wikimedia-polska,", StringComparison.Ordinal)) + 1;

        using var response = await SendAsync(HttpMethod.Post, "/api/routing/import", JsonContent.Create(candidate));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").GetProperty("entities.csv")[0].GetString()!.ShouldStartWith($"entities.csv:{line}: name contains U+000D");
        (await LiveVersionAsync()).ShouldBe(liveBefore);
    }

    [Fact]
    public async Task Import_ValidCandidate_BecomesLiveWithoutRestartAndRoutesNewInquiries()
    {
        var seed = Seed();
        try
        {
            using var imported = await SendAsync(HttpMethod.Post, "/api/routing/import", JsonContent.Create(PolandWithoutChapter()));
            imported.StatusCode.ShouldBe(HttpStatusCode.Created);
            var version = (await imported.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetString();
            (await LiveVersionAsync()).ShouldBe(version);

            var reference = await App.SubmitValidAsync(Inquiries.Valid);
            await Eventually.HoldsAsync(async () => (await App.StatusAsync(reference)).GetProperty("status").GetString() == "routed",
                TimeSpan.FromSeconds(10), "status routed");
            (await App.StatusAsync(reference)).GetProperty("assignee").GetProperty("name").GetString()!.ShouldContain("Central");
        }
        finally
        {
            using var restored = await SendAsync(HttpMethod.Post, "/api/routing/import", JsonContent.Create(seed));
            restored.IsSuccessStatusCode.ShouldBeTrue();
        }

        (await LiveVersionAsync()).ShouldBe(new PartnerIntake.Shared.Routing.RoutingTablesCsv(seed.Entities, seed.Regions, seed.Topics).ContentVersion());
    }

    [Fact]
    public async Task Import_AsMultipartFiles_IsAccepted()
    {
        var seed = Seed();
        using var form = new MultipartFormDataContent
        {
            { new StringContent(seed.Entities), "entities", "entities.csv" },
            { new StringContent(seed.Regions), "regions", "regions.csv" },
            { new StringContent(seed.Topics), "topics", "topics.csv" },
        };

        using var response = await SendAsync(HttpMethod.Post, "/api/routing/import", form);

        response.StatusCode.ShouldBe(HttpStatusCode.OK); // the seed is live already
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("wasAlreadyLive").GetBoolean().ShouldBeTrue();
    }

    private sealed record Candidate(string Entities, string Regions, string Topics);

    private static Candidate Seed() => new(
        File.ReadAllText(Path.Combine(DataDir, "entities.csv")),
        File.ReadAllText(Path.Combine(DataDir, "regions.csv")),
        File.ReadAllText(Path.Combine(DataDir, "topics.csv")));

    private static Candidate PolandWithoutChapter() =>
        Seed() with { Regions = Seed().Regions.Replace("PL,,wikimedia-polska;wmf-region-cee", "PL,,wmf-region-cee", StringComparison.Ordinal) };

    private async Task<string> RoutedPolishInquiryAsync()
    {
        var reference = await App.SubmitValidAsync(Inquiries.Valid);
        await Eventually.HoldsAsync(async () => (await App.StatusAsync(reference)).GetProperty("status").GetString() == "routed",
            TimeSpan.FromSeconds(10), "status routed");
        return reference;
    }

    private async Task<string> LiveVersionAsync()
    {
        using var response = await SendAsync(HttpMethod.Get, "/api/routing/tables", null);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetString()!;
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add("x-functions-key", AppProcess.AdminKey);
        return App.Http.SendAsync(request);
    }
}
