using System.Net;
using Azure.Data.Tables;
using PartnerIntake.IntegrationTests.Infrastructure;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.IntegrationTests.Privacy;

/// <summary>The apps with the privacy settings, on an Azurite of their own: this test moves their clock years ahead.</summary>
[CollectionDefinition(Name)]
public sealed class ApplyRetentionAppCollection : ICollectionFixture<PrivacyAppFixture>
{
    public const string Name = "retention timer on its own Azurite";
}

/// <summary>
/// The ApplyRetention timer in the real Functions app with the real eraser: an inquiry left unanswered past
/// RetentionMonths loses its contact and message, its non-personal record and public status stay, and a second run
/// changes nothing. Needs the eraser (IPersonalDataEraser) registered: it runs once the privacy parts are merged.
/// </summary>
[Collection(ApplyRetentionAppCollection.Name)]
public sealed class ApplyRetentionAppTests(PrivacyAppFixture fixture)
{
    private AppProcess App => fixture.App;

    [Fact]
    public async Task ApplyRetention_InquiryPastThePeriod_PersonalDataGoneRecordAndStatusStay()
    {
        var address = $"retention-{Guid.NewGuid():N}@example.org";
        var name = "Retention Person " + Guid.NewGuid().ToString("N")[..8];
        var due = await App.SubmitValidAsync(Inquiries.With(i =>
        {
            i["contact"]!["email"] = address;
            i["contact"]!["name"] = name;
        }));
        await Eventually.HoldsAsync(async () => (await App.StatusAsync(due)).GetProperty("status").GetString() == "routed",
            TimeSpan.FromSeconds(10), "routed");
        var now = await App.NowAsync();
        await App.AdvanceClockToAsync(now.AddMonths(PrivacyAppFixture.RetentionMonths).AddDays(1));
        var notDue = await App.SubmitValidAsync(Inquiries.With(i => i["organization"]!["name"] = "Not Due Museum"));

        await App.RunFunctionAsync("ApplyRetention");

        var row = await RowTextAsync(due);
        row.ShouldNotContain(address, Case.Insensitive);
        row.ShouldNotContain(name);
        row.ShouldContain("PL"); // the organisation's country stays with the non-personal record
        using (var status = await App.Http.GetAsync($"/api/inquiries/{due}"))
        {
            status.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        (await RowTextAsync(notDue)).ShouldContain("Not Due Museum");
        var erasedOnce = await RowTextAsync(due);
        await App.RunFunctionAsync("ApplyRetention");
        (await RowTextAsync(due)).ShouldBe(erasedOnce);
    }

    /// <summary>Every column of the inquiry row, as text.</summary>
    private async Task<string> RowTextAsync(string reference)
    {
        var row = (await fixture.Storage.Table(TableNames.Inquiries).GetEntityAsync<TableEntity>(reference, TableInquiryStore.RowKey)).Value;
        return string.Join("\n", row.Where(p => p.Key is not ("Timestamp" or "odata.etag")).OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => $"{p.Key}={p.Value}"));
    }
}
