using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using PartnerIntake.IntegrationTests.Infrastructure;
using PartnerIntake.IntegrationTests.Web;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.IntegrationTests.Privacy;

/// <summary>
/// Each inquiry, from the API or the form, is stored with the consent text's version and the time it was given, and
/// with its retention entry: due RetentionMonths after it was received.
/// </summary>
[Collection(PrivacyAppCollection.Name)]
public sealed class ConsentRecordTests(PrivacyAppFixture fixture)
{
    [Fact]
    public async Task SubmitAsync_Api_StoresTheConsentVersionAndTimeAndTheRetentionEntry()
    {
        using var response = await fixture.App.SubmitAsync(Inquiries.Valid);
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var reference = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("reference").GetString()!;

        await ShouldHaveConsentAndRetentionAsync(reference);
    }

    [Fact]
    public async Task Post_Form_StoresTheConsentVersionAndTimeAndTheRetentionEntry()
    {
        using var client = new PageClient(fixture.App, "198.51.100.77");
        await client.GetAsync("/");
        await Task.Delay(TimeSpan.FromSeconds(1.2)); // the minimum fill time in this collection is 1 s

        var (response, _) = await client.PostAsync("/", FormFields.Valid("Consent Record Museum"));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var reference = Regex.Match(response.Headers.Location!.ToString(), "^/confirmation/(PI-[0-9A-Z-]+)$").Groups[1].Value;
        reference.ShouldNotBeEmpty();
        await ShouldHaveConsentAndRetentionAsync(reference);
    }

    private async Task ShouldHaveConsentAndRetentionAsync(string reference)
    {
        var row = (await fixture.Storage.Table(TableNames.Inquiries).GetEntityAsync<TableEntity>(reference, TableInquiryStore.RowKey)).Value;
        row.GetString("ConsentVersion").ShouldBe(PrivacyAppFixture.ConsentVersion);
        var receivedAt = row.GetDateTimeOffset("ReceivedAt").ShouldNotBeNull();
        row.GetDateTimeOffset("ConsentAt").ShouldBe(receivedAt);

        var due = receivedAt.AddMonths(PrivacyAppFixture.RetentionMonths);
        var entries = new List<TableEntity>();
        await foreach (var e in fixture.Storage.Table(TableNames.RetentionDue).QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"Id eq {reference}")))
        {
            entries.Add(e);
        }

        var entry = entries.ShouldHaveSingleItem();
        entry.PartitionKey.ShouldBe(due.UtcDateTime.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture));
        entry.GetString("Kind").ShouldBe("inquiry");
        entry.GetDateTimeOffset("DueAt").ShouldNotBeNull().ShouldBe(due, TimeSpan.FromSeconds(1));
    }
}
