using System.Net;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using PartnerIntake.IntegrationTests.Infrastructure;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.IntegrationTests.Console;

/// <summary>Its own Azurite and apps: closing is checked by moving the clock past an assignment's deadlines.</summary>
[CollectionDefinition(Name)]
public sealed class ConsoleActionsCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "console actions on their own Azurite";
}

/// <summary>The console's actions on an inquiry, through the real web app (signed in, antiforgery) over Azurite.</summary>
[Collection(ConsoleActionsCollection.Name)]
public class ConsoleActionsTests(AppFixture fixture)
{
    private AppProcess App => fixture.App;

    [Fact]
    public async Task Reassign_ToAnotherEntity_OldRedirectedByOperatorNewAssigneeMailedAndAudited()
    {
        var reference = await App.RoutedAsync();
        using var client = await SignedInAsync();
        await client.GetAsync($"/admin/inquiry/{reference}");

        var (response, _) = await client.PostAsync($"/admin/inquiry/{reference}?handler=Reassign",
            [new("entity", "wikimedia-deutschland"), new("reason", "The collection is German.")]);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldContain("done=reassign");
        await Eventually.HoldsAsync(() => Task.FromResult(File.Exists(Path.Combine(App.OutboxPath, $"{reference}.assignment.2.eml"))),
            TimeSpan.FromSeconds(10), "the new assignee's e-mail");
        Eml.Read(Path.Combine(App.OutboxPath, $"{reference}.assignment.2.eml")).Headers["To"].ShouldContain("deutschland@example.org");
        (await App.StateAsync(reference, 1)).ShouldBe("redirected");
        (await App.StateAsync(reference, 2)).ShouldBe("pending");
        var trail = (await App.TrailAsync(reference)).GetProperty("trail").EnumerateArray().ToList();
        trail.ShouldContain(e => e.GetProperty("action").GetString() == "redirect" && e.GetProperty("actor").GetString() == "operator:admin");
        var audit = await AuditAsync(reference);
        audit.ShouldContain(e => e.GetString("Action") == "reassign" && e.GetString("Actor") == "admin"
            && e.GetString("Detail") == "wikimedia-polska → wikimedia-deutschland" && e.GetString("Reason") == "The collection is German.");
        var (_, page) = await client.GetAsync($"/admin/inquiry/{reference}?done=reassign");
        page.ShouldContain("Reassigned: the new assignee has been e-mailed");
        // Neither the new assignee nor the partner is told the old assignee redirected it: the team did.
        Eml.Read(Path.Combine(App.OutboxPath, $"{reference}.assignment.2.eml")).Headers["Content-Language"].ShouldBe("de");
        Eml.Read(Path.Combine(App.OutboxPath, $"{reference}.assignment.2.eml")).Text.ShouldContain("Das Partnerschaftsteam hat die Anfrage Ihnen zugewiesen: „The collection is German.“");
        (await App.StatusAsync(reference)).GetProperty("explanation").GetString()!.ShouldContain("reassigned by the partnerships team");
    }

    [Fact]
    public async Task Reassign_WithoutReason_400NamingTheFieldAndNothingChanged()
    {
        var reference = await App.RoutedAsync();
        using var client = await SignedInAsync();
        await client.GetAsync($"/admin/inquiry/{reference}");

        var (response, html) = await client.PostAsync($"/admin/inquiry/{reference}?handler=Reassign", [new("entity", "wikimedia-deutschland"), new("reason", " ")]);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        html.ShouldContain("id=\"reason-error\"");
        (await App.StateAsync(reference, 1)).ShouldBe("pending");
        (await AuditAsync(reference)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Note_Added_ShownOnThePageAuditedNeverOnThePublicStatus()
    {
        var reference = await App.RoutedAsync();
        using var client = await SignedInAsync();
        await client.GetAsync($"/admin/inquiry/{reference}");

        var (response, _) = await client.PostAsync($"/admin/inquiry/{reference}?handler=Note", [new("note", "Phoned the museum: <they> will write back.")]);
        var (_, page) = await client.GetAsync($"/admin/inquiry/{reference}");
        var (_, status) = await new PageClient(App).GetAsync($"/status/{reference}");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.ShouldContain("Phoned the museum: &lt;they&gt; will write back.");
        status.ShouldNotContain("Phoned the museum");
        (await AuditAsync(reference)).ShouldHaveSingleItem().GetString("Action").ShouldBe("note");
    }

    [Fact]
    public async Task Close_WithOutcome_PublicStatusClosedWithoutOutcomeAndNoReminderAsTimeAdvances()
    {
        var reference = await App.RoutedAsync();
        var control = await App.RoutedAsync(); // left open: proves the timer ran and would have reminded
        using var client = await SignedInAsync();
        await client.GetAsync($"/admin/inquiry/{reference}");
        var assignment = (await App.TrailAsync(reference)).GetProperty("assignments")[0];
        var escalationDue = assignment.GetProperty("escalationDueAt").GetDateTimeOffset();

        var (unconfirmed, _) = await client.PostAsync($"/admin/inquiry/{reference}?handler=Close", [new("outcome", "no-reply")]);
        var (response, _) = await client.PostAsync($"/admin/inquiry/{reference}?handler=Close",
            [new("outcome", "no-reply"), new("reason", "Three reminders by phone."), new("confirm", "true")]);

        unconfirmed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await App.StatusAsync(reference)).GetProperty("status").GetString().ShouldBe("closed");
        var (_, status) = await new PageClient(App).GetAsync($"/status/{reference}");
        status.ShouldContain("Closed");
        status.ShouldNotContain("no-reply");
        status.ShouldNotContain("No reply");
        (await AuditAsync(reference)).ShouldHaveSingleItem().GetString("Detail").ShouldBe("no-reply");

        // The e-mail's links no longer act on a closed inquiry: they say so and change nothing.
        var accept = App.Link(reference, 1, "Accept");
        using (var page = await App.Web.GetAsync(accept))
        {
            page.StatusCode.ShouldBe(HttpStatusCode.Conflict);
            (await page.Content.ReadAsStringAsync()).ShouldContain("data-state=\"closed\"");
        }

        using (var posted = await App.PostLinkAsync(accept, []))
        {
            posted.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        }

        (await App.StateAsync(reference, 1)).ShouldBe("pending");

        await App.AdvanceClockToAsync(escalationDue.AddHours(1));
        await App.RunFunctionAsync("EscalateAssignments");
        await Eventually.HoldsAsync(() => Task.FromResult(File.Exists(Path.Combine(App.OutboxPath, $"{control}.reminder.1.eml"))),
            TimeSpan.FromSeconds(10), "the open inquiry's reminder");
        await Eventually.HoldsAsync(async () => await App.StateAsync(control, 1) == "escalated", TimeSpan.FromSeconds(10), "the open inquiry escalated");

        File.Exists(Path.Combine(App.OutboxPath, $"{reference}.reminder.1.eml")).ShouldBeFalse();
        (await App.StateAsync(reference, 1)).ShouldBe("pending");
        (await App.StateAsync(reference, 2)).ShouldBeNull();
    }

    [Fact]
    public async Task MarkSpam_Confirmed_ClosedAsSpamAndGoneFromTheDefaultListButInClosed()
    {
        var reference = await App.RoutedAsync();
        using var client = await SignedInAsync();
        await client.GetAsync($"/admin/inquiry/{reference}");

        var (response, _) = await client.PostAsync($"/admin/inquiry/{reference}?handler=Spam", [new("confirmSpam", "true")]);
        var (_, list) = await client.GetAsync("/admin/inquiries");
        var (_, closed) = await client.GetAsync("/admin/inquiries?state=closed");
        var (_, detail) = await client.GetAsync($"/admin/inquiry/{reference}");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        list.ShouldNotContain(reference);
        closed.ShouldContain(reference);
        detail.ShouldContain("id=\"closure-outcome\">Spam<");
        (await AuditAsync(reference)).ShouldHaveSingleItem().GetString("Action").ShouldBe("mark-spam");
    }

    [Fact]
    public async Task Resend_SameClickTwice_SentOnceThroughTheOutboxAndAudited()
    {
        var reference = await App.RoutedAsync();
        using var client = await SignedInAsync();
        var (_, page) = await client.GetAsync($"/admin/inquiry/{reference}");
        var form = Regex.Match(page, @"name=""outboxId"" value=""(?<id>[^""]+)"">\s*<input type=""hidden"" name=""token"" value=""(?<token>[^""]+)""");
        form.Success.ShouldBeTrue("a resend form");
        var outboxId = form.Groups["id"].Value;
        var token = form.Groups["token"].Value;

        var (first, _) = await client.PostAsync($"/admin/inquiry/{reference}?handler=Resend", [new("outboxId", outboxId), new("token", token)]);
        var (again, _) = await client.PostAsync($"/admin/inquiry/{reference}?handler=Resend", [new("outboxId", outboxId), new("token", token)]);

        first.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        again.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var copy = Path.Combine(App.OutboxPath, $"{outboxId}.resend-{token}.eml");
        File.Exists(copy).ShouldBeTrue();
        Eml.Read(copy).Headers["Subject"].ShouldBe(Eml.Read(Path.Combine(App.OutboxPath, outboxId + ".eml")).Headers["Subject"]);
        (await fixture.Storage.CountMailsAsync($"{outboxId}.resend-")).ShouldBe(1);
        (await AuditAsync(reference)).ShouldHaveSingleItem().GetString("Action").ShouldBe("resend");
    }

    [Fact]
    public async Task Actions_WithoutAntiforgeryToken_Refused()
    {
        var reference = await App.RoutedAsync();
        using var client = await SignedInAsync();

        var (response, _) = await client.PostAsync($"/admin/inquiry/{reference}?handler=Note", [new("note", "forged")], withHiddenFields: false);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await AuditAsync(reference)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Search_AndStateFilter_FindByOrganisationAndReference()
    {
        var reference = await App.SubmitValidAsync(Inquiries.With(i => i["organization"]!["name"] = "Searchable Orchid Herbarium"));
        await Eventually.HoldsAsync(async () => (await App.StatusAsync(reference)).GetProperty("status").GetString() == "routed",
            TimeSpan.FromSeconds(10), "routed");
        using var client = await SignedInAsync();

        var (_, byName) = await client.GetAsync("/admin/inquiries?q=orchid+herb");
        var (_, byReference) = await client.GetAsync($"/admin/inquiries?q={reference[3..12]}");
        var (_, awaiting) = await client.GetAsync("/admin/inquiries?state=awaiting&q=orchid");
        var (_, accepted) = await client.GetAsync("/admin/inquiries?state=accepted&q=orchid");
        var (_, nothing) = await client.GetAsync("/admin/inquiries?q=no-such-organisation-anywhere");

        byName.ShouldContain(reference);
        byReference.ShouldContain(reference);
        awaiting.ShouldContain(reference);
        accepted.ShouldNotContain(reference);
        nothing.ShouldContain("id=\"no-results\"");
    }

    [Fact]
    public async Task Dashboard_NeedsAttention_AboveTheChartsWithLinksAndTopicLabels()
    {
        await App.RoutedAsync();
        using var client = await SignedInAsync();

        var (response, html) = await client.GetAsync("/admin");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        html.IndexOf("id=\"needs-attention\"", StringComparison.Ordinal).ShouldBeLessThan(html.IndexOf("class=\"charts\"", StringComparison.Ordinal));
        html.ShouldContain("href=\"/admin/inquiries?state=overdue\"");
        html.ShouldContain("href=\"/admin/inquiries?state=failed\"");
        html.ShouldContain("Share content"); // the form's label of content-donation, not the code
    }

    private Task<PageClient> SignedInAsync() => PageClient.SignedInAsync(App);

    private async Task<List<TableEntity>> AuditAsync(string reference)
    {
        var rows = new List<TableEntity>();
        try
        {
            await foreach (var row in fixture.Storage.Table(TableNames.OperatorActions)
                .QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"inquiry:" + reference}")))
            {
                rows.Add(row);
            }
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            // No operator action yet: the table does not exist.
        }

        return rows;
    }
}
