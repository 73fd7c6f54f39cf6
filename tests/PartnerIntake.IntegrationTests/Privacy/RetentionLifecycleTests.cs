using System.Globalization;
using System.Net;
using Azure.Data.Tables;
using PartnerIntake.IntegrationTests.Infrastructure;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.IntegrationTests.Privacy;

/// <summary>
/// The retention index follows the inquiry through the real apps: accepted by its entity, it is kept (no due entry);
/// closed by an operator, it falls due RetentionMonths after closing.
/// </summary>
[Collection(PrivacyAppCollection.Name)]
public sealed class RetentionLifecycleTests(PrivacyAppFixture fixture)
{
    private AppProcess App => fixture.App;

    [Fact]
    public async Task AcceptLink_InquiryAccepted_KeptWithoutDueEntry()
    {
        var reference = await App.RoutedAsync();
        var accept = App.Link(reference, 1, "Accept");

        using var post = await App.PostLinkAsync(accept, []);

        post.StatusCode.ShouldBe(HttpStatusCode.OK);
        await Eventually.HoldsAsync(async () => (await App.StatusAsync(reference)).GetProperty("status").GetString() == "accepted",
            TimeSpan.FromSeconds(10), "status accepted");
        var current = await CurrentAsync(reference);
        current.ShouldNotBeNull("an accepted inquiry has its kept marker");
        current.GetDateTimeOffset("DueAt").ShouldBeNull();
        (await EntriesAsync(reference)).ShouldBeEmpty();
    }

    [Fact]
    public async Task ConsoleClose_OpenInquiry_DueRetentionMonthsAfterClosing()
    {
        var reference = await App.RoutedAsync();
        using var client = new PageClient(App);
        await client.GetAsync("/admin/signin");
        (await client.PostAsync("/admin/signin", [new("key", AppProcess.AdminKey)])).Response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await client.GetAsync($"/admin/inquiry/{reference}");
        // Due times are kept to the second: closing within the second it was received would move nothing.
        await Task.Delay(TimeSpan.FromSeconds(1.1));

        var (response, _) = await client.PostAsync($"/admin/inquiry/{reference}?handler=Close",
            [new("outcome", "declined"), new("confirm", "true")]);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var row = (await fixture.Storage.Table(TableNames.Inquiries).GetEntityAsync<TableEntity>(reference, TableInquiryStore.RowKey)).Value;
        var due = row.GetDateTimeOffset("ClosedAt").ShouldNotBeNull().AddMonths(PrivacyAppFixture.RetentionMonths);
        var entry = (await EntriesAsync(reference)).ShouldHaveSingleItem();
        entry.PartitionKey.ShouldBe(due.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture));
        entry.GetDateTimeOffset("DueAt").ShouldNotBeNull().ShouldBe(due, TimeSpan.FromSeconds(1));
        (await CurrentAsync(reference)).ShouldNotBeNull().GetDateTimeOffset("DueAt").ShouldBe(entry.GetDateTimeOffset("DueAt"));
    }

    private async Task<TableEntity?> CurrentAsync(string reference)
    {
        var row = await fixture.Storage.Table(TableNames.RetentionDue).GetEntityIfExistsAsync<TableEntity>($"subject|inquiry|{reference}", "current");
        return row.HasValue ? row.Value : null;
    }

    /// <summary>The inquiry's entries in the due-day partitions (its current row lives in a partition of its own).</summary>
    private async Task<List<TableEntity>> EntriesAsync(string reference)
    {
        var rows = new List<TableEntity>();
        await foreach (var e in fixture.Storage.Table(TableNames.RetentionDue).QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"Id eq {reference} and PartitionKey lt {"subject"}")))
        {
            rows.Add(e);
        }

        return rows;
    }
}
