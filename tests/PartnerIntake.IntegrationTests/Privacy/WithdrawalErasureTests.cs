using System.Net;
using PartnerIntake.IntegrationTests.Infrastructure;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.IntegrationTests.Privacy;

/// <summary>
/// A confirmed withdrawal end to end: it needs the real <c>IPersonalDataEraser</c> registered in the web app (without
/// one the page answers 503 and changes nothing). The inquiry is closed as withdrawn, its assignee told once in its own
/// language, the partner's details are gone, and the link used again changes nothing.
/// </summary>
[Collection(WithdrawalCollection.Name)]
public class WithdrawalErasureTests(AppFixture fixture)
{
    private AppProcess App => fixture.App;

    [Fact]
    public async Task WithdrawPage_Post_ClosesTellsTheAssigneeInItsLanguageAndTheStatusSaysWithdrawn()
    {
        var reference = await App.AcknowledgedAsync("en");
        using var client = new PageClient(App);
        var link = App.WithdrawalLink(reference);
        await client.GetAsync(link);

        var (post, html) = await client.PostAsync(link, []);

        post.StatusCode.ShouldBe(HttpStatusCode.OK);
        WebUtility.HtmlDecode(html).ShouldContain($"Your inquiry {reference} has been withdrawn and your contact details erased.");
        var mail = Eml.Read(App.WithdrawnMailPath(reference)); // Wikimedia Polska works in Polish
        mail.Headers["Subject"].ShouldContain("Partner wycofał zapytanie");
        mail.Text.ShouldContain(reference);
        mail.Text.ShouldNotContain("Anna Nowak");
        mail.Text.ShouldNotContain("anna@example.org");
        (await App.StatusAsync(reference)).GetProperty("status").GetString().ShouldBe("closed");
        var row = await fixture.Storage.Table(TableNames.Inquiries).GetEntityAsync<Azure.Data.Tables.TableEntity>(reference, TableInquiryStore.RowKey);
        row.Value.GetString("Outcome").ShouldBe("withdrawn");
        var (status, statusHtml) = await new PageClient(App).GetAsync($"/status/{reference}?culture=en");
        status.StatusCode.ShouldBe(HttpStatusCode.OK);
        statusHtml.ShouldContain("<strong>Withdrawn</strong>");
        var (_, polish) = await new PageClient(App).GetAsync($"/status/{reference}?culture=pl");
        polish.ShouldContain("<strong>Wycofane</strong>");
        var audit = fixture.Storage.Table(TableNames.OperatorActions).QueryAsync<Azure.Data.Tables.TableEntity>(e => e.PartitionKey == "inquiry:" + reference);
        var actions = new List<string>();
        await foreach (var entry in audit)
        {
            actions.Add(string.Join('|', entry.Select(kv => kv.Value)));
        }

        actions.ShouldHaveSingleItem().ShouldContain("withdraw");
        actions.ShouldAllBe(a => !a.Contains("anna@example.org") && !a.Contains("Anna Nowak"));
    }

    [Fact]
    public async Task WithdrawPage_LinkUsedAgain_SaysSoAndChangesNothing()
    {
        var reference = await App.AcknowledgedAsync("en");
        using var client = new PageClient(App);
        var link = App.WithdrawalLink(reference);
        await client.GetAsync(link);
        var form = client.Hidden; // the confirmation page's form, posted again as a browser's back-and-resubmit would
        await client.PostAsync(link, form);
        var mailWritten = File.GetLastWriteTimeUtc(App.WithdrawnMailPath(reference));
        var auditRows = await fixture.Storage.CountRowsAsync(TableNames.OperatorActions, "inquiry:" + reference);

        var (get, getHtml) = await client.GetAsync(link);
        var (post, postHtml) = await client.PostAsync(link, form);

        foreach (var (response, html) in new[] { (get, getHtml), (post, postHtml) })
        {
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            WebUtility.HtmlDecode(html).ShouldContain($"Inquiry {reference} was withdrawn already");
            html.ShouldNotContain("<button");
        }

        App.OutboxFiles(reference).Count(f => f.Contains(".withdrawn.", StringComparison.Ordinal)).ShouldBe(1);
        File.GetLastWriteTimeUtc(App.WithdrawnMailPath(reference)).ShouldBe(mailWritten);
        (await fixture.Storage.CountRowsAsync(TableNames.OperatorActions, "inquiry:" + reference)).ShouldBe(auditRows);
    }
}
