using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using PartnerIntake.IntegrationTests.Infrastructure;
using PartnerIntake.Shared.Privacy;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.IntegrationTests.Privacy;

/// <summary>The console's personal-data page over the real apps: look up, download as JSON, erase only when confirmed.</summary>
[Collection(PrivacyCollection.Name)]
public sealed class PrivacyConsoleTests(AppFixture fixture)
{
    private AppProcess App => fixture.App;

    [Fact]
    public async Task PrivacyPage_LookupExportAndConfirmedErase_DownloadsJsonAndErasesOnlyWhenConfirmed()
    {
        var email = $"console.privacy-{Guid.NewGuid():N}@museum.example";
        var reference = await App.SubmitValidAsync(Inquiries.With(i => i["contact"]!["email"] = email));
        await Eventually.HoldsAsync(async () => (await App.StatusAsync(reference)).GetProperty("status").GetString() == "routed",
            TimeSpan.FromSeconds(15), "routed");
        using var client = await SignedInAsync();
        var (page, form) = await client.GetAsync("/admin/privacy");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        form.ShouldContain("id=\"lookup-form\"");

        var (lookup, found) = await client.PostAsync("/admin/privacy?handler=Lookup", [new("Email", email.ToUpperInvariant())]);
        lookup.StatusCode.ShouldBe(HttpStatusCode.OK);
        found.ShouldContain(reference);
        found.ShouldContain("id=\"erase-form\"");

        var (download, json) = await client.PostAsync("/admin/privacy?handler=Export", [new("Email", email)]);
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        download.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        download.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        download.Content.Headers.ContentDisposition.FileName!.ShouldNotContain("museum");
        var export = JsonDocument.Parse(json).RootElement;
        export.GetProperty("inquiries")[0].GetProperty("reference").GetString().ShouldBe(reference);
        export.GetProperty("inquiries")[0].GetProperty("submission").GetProperty("contact").GetProperty("email").GetString().ShouldBe(email);

        var (unconfirmed, refused) = await client.PostAsync("/admin/privacy?handler=Erase", [new("Email", email)]);
        unconfirmed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        refused.ShouldContain("id=\"confirm-error\"");
        (await DocumentAsync(reference)).ShouldContain(email);

        var (erase, result) = await client.PostAsync("/admin/privacy?handler=Erase", [new("Email", email), new("Confirm", "true")]);
        erase.StatusCode.ShouldBe(HttpStatusCode.OK);
        result.ShouldContain("id=\"erasure-result\"");
        var document = await DocumentAsync(reference);
        document.ShouldNotContain(email);
        document.ShouldContain(Erased.Marker);
        var audit = await fixture.Storage.Table(TableNames.OperatorActions)
            .QueryAsync<TableEntity>(e => e.PartitionKey == PersonalDataEraser.AuditScope).ToListAsync();
        audit.ShouldContain(e => e.GetString("Action") == "erase-person" && e.GetString("Actor") != "api");
        audit.ShouldContain(e => e.GetString("Action") == "export");
        audit.ShouldAllBe(e => !(e.GetString("Subject") ?? "").Contains("museum", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("Lookup")]
    [InlineData("Export")]
    [InlineData("Erase")]
    public async Task PrivacyPage_MalformedAddress_400NamingTheField(string handler)
    {
        using var client = await SignedInAsync();
        await client.GetAsync("/admin/privacy");

        var (response, html) = await client.PostAsync($"/admin/privacy?handler={handler}", [new("Email", "not an address"), new("Confirm", "true")]);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        html.ShouldContain("id=\"email-error\"");
        html.ShouldContain("aria-invalid=\"true\"");
    }

    [Fact]
    public async Task PrivacyPage_PostWithoutAntiforgeryToken_Refused()
    {
        using var client = await SignedInAsync();

        var (response, _) = await client.PostAsync("/admin/privacy?handler=Erase", [new("Email", "a@example.org"), new("Confirm", "true")], withHiddenFields: false);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    private async Task<string> DocumentAsync(string reference) =>
        (await fixture.Storage.Table(TableNames.Inquiries).GetEntityAsync<TableEntity>(reference, "inquiry")).Value.GetString("Document");

    private Task<PageClient> SignedInAsync() => PageClient.SignedInAsync(App);
}
