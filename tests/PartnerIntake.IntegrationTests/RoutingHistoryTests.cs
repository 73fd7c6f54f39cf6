using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using PartnerIntake.IntegrationTests.Infrastructure;
using PartnerIntake.Shared.Routing;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.IntegrationTests;

/// <summary>
/// Its own app: these tests change the live routing tables, and the Functions app re-reads the live pointer every
/// second (instead of 30) so that a rollback made in the console is routed with at once.
/// </summary>
public sealed class RoutingHistoryAppFixture : AppFixture
{
    protected override IReadOnlyDictionary<string, string>? Settings => new Dictionary<string, string>
    {
        ["Routing__RefreshSeconds"] = "1",
    };
}

[CollectionDefinition(Name)]
public sealed class RoutingHistoryCollection : ICollectionFixture<RoutingHistoryAppFixture>
{
    public const string Name = "routing history on its own Azurite";
}

/// <summary>The console's routing page: the live tables as CSV, the version history and rollback, over the real apps.</summary>
[Collection(RoutingHistoryCollection.Name)]
public sealed partial class RoutingHistoryTests(RoutingHistoryAppFixture fixture)
{
    private static readonly string DataDir = Path.Combine(Repo.Root, "shared", "PartnerIntake.Shared", "Routing", "Data");

    private AppProcess App => fixture.App;

    [Fact]
    public async Task Download_LiveTables_ReimportUnchanged()
    {
        using var client = await SignedInAsync();
        var live = await LiveVersionAsync();
        var files = new Dictionary<string, byte[]>();

        foreach (var file in new[] { "entities", "regions", "topics" })
        {
            var (response, _) = await client.GetAsync($"/admin/routing?handler=Download&file={file}.csv");
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
            response.Content.Headers.ContentDisposition!.ToString().ShouldContain($"{file}-{live}.csv");
            files[file] = await response.Content.ReadAsByteArrayAsync();
            files[file][..3].ShouldBe(Encoding.UTF8.GetPreamble()); // spreadsheet programs read it as UTF-8
        }

        var text = files.ToDictionary(f => f.Key, f => Encoding.UTF8.GetString(f.Value[3..]));
        text["entities"].ShouldStartWith("id,name,kind,legalEntity,languages,contact,ackSlaDays,active,inactiveSince,inactiveReason,fallback\r\n");
        text["entities"].ShouldContain("wikimedia-polska,Wikimedia Polska,chapter,");
        var reparsed = new RoutingTablesCsv(text["entities"], text["regions"], text["topics"]).Validate();
        reparsed.Errors.ShouldBeEmpty();
        reparsed.Tables!.Version.ShouldBe(live);

        // Re-imported through the console as an operator would: check, then import; nothing changes.
        var (_, page) = await client.GetAsync("/admin/routing");
        using var upload = new MultipartFormDataContent();
        upload.Add(new StringContent(client.Hidden["__RequestVerificationToken"]), "__RequestVerificationToken");
        foreach (var (name, bytes) in files)
        {
            upload.Add(new ByteArrayContent(bytes), name, $"{name}.csv");
        }

        var (checkedResponse, checkedHtml) = await client.PostMultipartAsync("/admin/routing?handler=Check", upload);
        checkedResponse.StatusCode.ShouldBe(HttpStatusCode.OK);
        checkedHtml.ShouldContain($"Dry run: candidate {live} against live {live}");
        var hidden = PageClient.HiddenFields(checkedHtml);
        var (imported, importedHtml) = await client.PostAsync("/admin/routing?handler=Import",
            [new("entitiesText", hidden["entitiesText"]), new("regionsText", hidden["regionsText"]), new("topicsText", hidden["topicsText"])]);
        imported.StatusCode.ShouldBe(HttpStatusCode.OK);
        importedHtml.ShouldContain($"Version {live} was already live: nothing changed.");
        (await LiveVersionAsync()).ShouldBe(live);
        page.ShouldContain("href=\"/admin/routing?handler=Download&amp;file=regions.csv\"");
    }

    [Fact]
    public async Task Rollback_AfterTwoImports_MakesTheFirstLiveRoutesWithItAndKeepsTheHistory()
    {
        using var client = await SignedInAsync();
        var seed = Seed();
        var first = seed with { Regions = seed.Regions.Replace("PL,,wikimedia-polska;wmf-region-cee", "PL,,wmf-region-cee", StringComparison.Ordinal) };
        var second = seed with { Regions = seed.Regions.Replace("PL,,wikimedia-polska;wmf-region-cee", "PL,,wikimedia-deutschland", StringComparison.Ordinal) };
        var firstVersion = first.ContentVersion();
        var secondVersion = second.ContentVersion();
        firstVersion.ShouldNotBe(secondVersion);

        try
        {
            // The first through the console (the operator "admin"), the second through the API (its function key).
            await client.GetAsync("/admin/routing");
            var (consoleImport, consoleHtml) = await client.PostAsync("/admin/routing?handler=Import",
                [new("entitiesText", first.Entities), new("regionsText", first.Regions), new("topicsText", first.Topics)]);
            consoleImport.StatusCode.ShouldBe(HttpStatusCode.OK);
            consoleHtml.ShouldContain($"Imported: version {firstVersion} is now live.");
            using (var apiImport = await AdminSendAsync(HttpMethod.Post, "/api/routing/import", JsonContent.Create(second)))
            {
                apiImport.StatusCode.ShouldBe(HttpStatusCode.Created);
            }

            (await PrimaryForPolandAsync()).ShouldBe("wikimedia-deutschland");

            // The rollback asks first (with what it would change), and changes nothing until confirmed.
            // The web app learns of the API's import within Routing__RefreshSeconds (1 s here).
            await Eventually.HoldsAsync(async () => (await client.GetAsync("/admin/routing")).Html.Contains($"aria-label=\"Roll back to {firstVersion}\"", StringComparison.Ordinal),
                TimeSpan.FromSeconds(10), "the console offers to roll back to the first version once the second is live");
            var (asked, askedHtml) = await client.PostAsync("/admin/routing?handler=Rollback", [new("version", firstVersion)]);
            asked.StatusCode.ShouldBe(HttpStatusCode.OK);
            askedHtml.ShouldContain("id=\"rollback-confirm\"");
            askedHtml.ShouldContain($"Roll back to {firstVersion}");
            (await LiveVersionAsync()).ShouldBe(secondVersion);

            var (done, doneHtml) = await client.PostAsync("/admin/routing?handler=Rollback", [new("version", firstVersion), new("confirm", "yes")]);

            done.StatusCode.ShouldBe(HttpStatusCode.OK);
            doneHtml.ShouldContain($"Rolled back: version {firstVersion} is live again.");
            // The Functions app re-reads the live pointer within Routing__RefreshSeconds (1 s here).
            await Eventually.HoldsAsync(async () => await LiveVersionAsync() == firstVersion,
                TimeSpan.FromSeconds(10), "the Functions app sees the rolled-back version live");
            await Eventually.HoldsAsync(async () => await PrimaryForPolandAsync() == "wmf-region-cee",
                TimeSpan.FromSeconds(10), "the Functions app routes with the rolled-back version");

            var history = HistoryRows(doneHtml).Take(3).ToList();
            history.ShouldBe(
            [
                (firstVersion, "rollback", "admin"),
                (secondVersion, "import", "api"),
                (firstVersion, "import", "admin"),
            ]);
            HistoryRows(doneHtml).Last().ShouldBe((seed.ContentVersion(), "seed", TableRoutingTablesStore.AppActor));

            var audit = new List<TableEntity>();
            await foreach (var row in fixture.Storage.Table(TableNames.OperatorActions).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"routing"}")))
            {
                audit.Add(row);
            }

            audit.Select(a => (a.GetString("Action"), a.GetString("Subject"), a.GetString("Actor")))
                .ShouldBe([("rollback", firstVersion, "admin"), ("import", firstVersion, "admin")]);
        }
        finally
        {
            using var restored = await AdminSendAsync(HttpMethod.Post, "/api/routing/import", JsonContent.Create(seed));
            restored.IsSuccessStatusCode.ShouldBeTrue();
        }
    }

    [Fact]
    public async Task Rollback_UnknownVersionOrUnknownDownload_ClearAnswerNothingChanged()
    {
        using var client = await SignedInAsync();
        var live = await LiveVersionAsync();
        await client.GetAsync("/admin/routing");

        var (rollback, html) = await client.PostAsync("/admin/routing?handler=Rollback", [new("version", "v-000000000000"), new("confirm", "yes")]);
        var (download, _) = await client.GetAsync("/admin/routing?handler=Download&file=secrets.csv");

        rollback.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        html.ShouldContain("That version is not kept in storage: nothing changed.");
        download.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await LiveVersionAsync()).ShouldBe(live);
    }

    private Task<PageClient> SignedInAsync() => PageClient.SignedInAsync(App);

    private static RoutingTablesCsv Seed() => new(
        File.ReadAllText(Path.Combine(DataDir, "entities.csv")),
        File.ReadAllText(Path.Combine(DataDir, "regions.csv")),
        File.ReadAllText(Path.Combine(DataDir, "topics.csv")));

    /// <summary>Whom the Functions app's live tables would give the test inquiry from Warsaw.</summary>
    private async Task<string?> PrimaryForPolandAsync()
    {
        using var response = await AdminSendAsync(HttpMethod.Post, "/api/routing/explain", new StringContent(Inquiries.Valid, Encoding.UTF8, "application/json"));
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("primary").GetProperty("id").GetString();
    }

    private async Task<string> LiveVersionAsync()
    {
        using var response = await AdminSendAsync(HttpMethod.Get, "/api/routing/tables", null);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetString()!;
    }

    private Task<HttpResponseMessage> AdminSendAsync(HttpMethod method, string path, HttpContent? content)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add("x-functions-key", AppProcess.AdminKey);
        return App.Http.SendAsync(request);
    }

    /// <summary>The history table's rows as (version, how, who).</summary>
    private static IEnumerable<(string, string, string)> HistoryRows(string html)
    {
        var table = html[html.IndexOf("<table id=\"history\">", StringComparison.Ordinal)..];
        return HistoryRow().Matches(table[..table.IndexOf("</table>", StringComparison.Ordinal)])
            .Select(m => (m.Groups["version"].Value, m.Groups["how"].Value, System.Net.WebUtility.HtmlDecode(m.Groups["who"].Value)));
    }

    [GeneratedRegex(@"<td class=""mono"">(?<version>[^<]+)</td><td>(?<how>[^<]+)</td><td>(?<who>[^<]+)</td>")]
    private static partial Regex HistoryRow();
}
