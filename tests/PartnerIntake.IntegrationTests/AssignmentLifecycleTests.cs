using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using PartnerIntake.IntegrationTests.Infrastructure;
using PartnerIntake.Shared.Assignment;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.IntegrationTests;

[Collection(LifecycleCollection.Name)]
public partial class AssignmentLifecycleTests(AppFixture fixture)
{
    private AppProcess App => fixture.App;

    [Fact]
    public async Task AcceptLink_GetThenPost_ConfirmsThenAcceptsOnceAndTellsThePartner()
    {
        var reference = await RoutedAsync();
        var accept = Link(reference, 1, "Accept");

        using var page = await App.Web.GetAsync(accept);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync();
        html.ShouldContain("<form method=\"post\"");
        html.ShouldContain("Muzeum Narodowe w Warszawie");
        (await StateAsync(reference, 1)).ShouldBe("pending"); // a GET changes nothing

        using var post = await PostFormAsync(accept, []);
        post.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await post.Content.ReadAsStringAsync()).ShouldContain("accepted");

        (await StateAsync(reference, 1)).ShouldBe("accepted");
        var status = await App.StatusAsync(reference);
        status.GetProperty("status").GetString().ShouldBe("accepted");
        status.GetProperty("assignee").GetProperty("name").GetString().ShouldBe("Wikimedia Polska");
        var accepted = Eml.Read(Path.Combine(App.OutboxPath, $"{reference}.accepted.1.eml"));
        accepted.Headers["To"].ShouldContain("anna@example.org");
        accepted.Headers["Content-Language"].ShouldBe("pl");
        accepted.Text.ShouldContain("polska@example.org");
        accepted.Headers["Reply-To"].ShouldContain("polska@example.org"); // the partner's reply reaches the entity
        Eml.Read(Path.Combine(App.OutboxPath, $"{reference}.assignment.1.eml")).Headers["Reply-To"]
            .ShouldContain("partnerships@example.org"); // before accepting, replies reach the partnerships team
        var takenOn = Eml.Read(Path.Combine(App.OutboxPath, $"{reference}.taken-on.1.eml"));
        takenOn.Headers["To"].ShouldContain("polska@example.org");
        takenOn.Headers["Reply-To"].ShouldContain("anna@example.org"); // after accepting, Reply writes to the partner
        takenOn.Headers["Content-Language"].ShouldBe("pl"); // Wikimedia Polska works in Polish
        takenOn.Text.ShouldContain("anna@example.org");
        takenOn.Html.ShouldContain("href=\"mailto:anna@example.org\" style=\"display: inline-block;");

        using var again = await PostFormAsync(accept, []);
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var trail = await TrailAsync(reference);
        trail.GetProperty("trail").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ShouldBe(["assigned", "accept"]);
        trail.GetProperty("trail")[1].GetProperty("actor").GetString().ShouldBe("entity:wikimedia-polska");
        trail.GetProperty("trail")[1].GetProperty("source").GetString()!.ShouldStartWith("link:accept:");
    }

    [Fact]
    public async Task TamperedOrExpiredLink_GetAndPost_ClearPageAndNothingChanged()
    {
        var reference = await RoutedAsync();
        var accept = Link(reference, 1, "Accept");
        var tampered = accept[..^3] + (accept[^3] == 'A' ? "B" : "A") + accept[^2..];
        var token = new ActionLinks(Options.Create(new LinkOptions { SigningKey = AppProcess.SigningKey }), TimeProvider.System)
            .Token(reference, 1, AssignmentAction.Accept, DateTimeOffset.UnixEpoch.AddDays(1));
        var expired = $"/assignments/{token}";
        var forged = $"/assignments/{new ActionLinks(Options.Create(new LinkOptions { SigningKey = "someone-else's-key-of-sufficient-length" }), TimeProvider.System).Token(reference, 1, AssignmentAction.Accept)}";

        foreach (var (url, status) in new[] { (tampered, 400), (forged, 400), (expired, 410), ("/assignments/garbage", 400) })
        {
            using var get = await App.Web.GetAsync(url);
            using var post = await PostFormAsync(url, []);

            ((int)get.StatusCode).ShouldBe(status, url);
            ((int)post.StatusCode).ShouldBe(status, url);
            get.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        }

        (await StateAsync(reference, 1)).ShouldBe("pending");
        File.Exists(Path.Combine(App.OutboxPath, $"{reference}.accepted.1.eml")).ShouldBeFalse();
    }

    [Fact]
    public async Task RedirectLink_WithEntityAndReason_AssignsTheNamedEntityWithHistory()
    {
        var reference = await RoutedAsync();
        var redirect = Link(reference, 1, "Redirect to another entity");

        using var missingReason = await PostFormAsync(redirect, new() { ["redirectTo"] = "wikimedia-deutschland" });
        missingReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await StateAsync(reference, 1)).ShouldBe("pending");

        using var post = await PostFormAsync(redirect, new() { ["redirectTo"] = "wikimedia-deutschland", ["reason"] = "The collection is German." });

        post.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await StateAsync(reference, 1)).ShouldBe("redirected");
        (await StateAsync(reference, 2)).ShouldBe("pending");
        var mail = Eml.Read(Path.Combine(App.OutboxPath, $"{reference}.assignment.2.eml"));
        mail.Headers["To"].ShouldContain("deutschland@example.org");
        mail.Headers["Content-Language"].ShouldBe("de"); // Wikimedia Deutschland works in German
        mail.Text.ShouldContain("Wikimedia Polska hat die Anfrage an Sie weitergeleitet: „The collection is German.“");
        mail.Text.ShouldNotContain("Routed to");
        mail.Text.Split("The collection is German.").Length.ShouldBe(2); // the reason once, not twice
        var notice = Eml.Read(Path.Combine(App.OutboxPath, $"{reference}.handed-on.2.eml"));
        notice.Headers["To"].ShouldContain("anna@example.org");
        notice.Headers["Content-Language"].ShouldBe("pl"); // the partner's language
        notice.Text.ShouldContain("W ciągu 5 dni roboczych Wikimedia Deutschland potwierdzi, że się nim zajmie.");
        notice.Text.ShouldNotContain("The collection is German."); // the entity's reason stays between entities
        (await App.StatusAsync(reference)).GetProperty("assignee").GetProperty("name").GetString().ShouldBe("Wikimedia Deutschland");
    }

    [Fact]
    public async Task DeclineLink_WithReason_HandsOnToTheNextCandidate()
    {
        var reference = await RoutedAsync();

        using var post = await PostFormAsync(Link(reference, 1, "Decline"), new() { ["reason"] = "No capacity this year." });

        post.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await StateAsync(reference, 1)).ShouldBe("declined");
        var next = Eml.Read(Path.Combine(App.OutboxPath, $"{reference}.assignment.2.eml"));
        next.Headers["To"].ShouldContain("partnerships-cee@example.org"); // Poland's next candidate: the regional Foundation team
        next.Headers["Content-Language"].ShouldBe("en");
        next.Text.ShouldContain("Wikimedia Polska declined it (“No capacity this year.”); you are next because you also cover Poland.");
        next.Text.Split("No capacity this year.").Length.ShouldBe(2);
        next.Text.ShouldNotContain("Earlier on this inquiry"); // the only hop is the sentence
        var notice = Eml.Read(Path.Combine(App.OutboxPath, $"{reference}.handed-on.2.eml"));
        notice.Headers["Content-Language"].ShouldBe("pl");
        notice.Text.ShouldContain("Wikimedia Foundation Partnerships – Central & Eastern Europe & Central Asia");
        var trail = await TrailAsync(reference);
        trail.GetProperty("trail").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ShouldBe(["assigned", "decline", "assigned"]);
    }

    [Fact]
    public async Task EscalateAssignments_AsTimeAdvances_RemindsAtHalfTheSlaThenEscalatesEachOnceUnderConcurrentRuns()
    {
        var reference = await RoutedAsync();
        var assignment = (await TrailAsync(reference)).GetProperty("assignments")[0];
        var reminderDue = assignment.GetProperty("reminderDueAt").GetDateTimeOffset();
        var escalationDue = assignment.GetProperty("escalationDueAt").GetDateTimeOffset();

        await AdvanceClockToAsync(reminderDue.AddMinutes(1));
        await Task.WhenAll(RunTimerAsync(), RunTimerAsync(), RunTimerAsync());

        File.Exists(Path.Combine(App.OutboxPath, $"{reference}.reminder.1.eml")).ShouldBeTrue();
        (await fixture.Storage.CountMailsAsync($"{reference}.reminder")).ShouldBe(1);
        (await StateAsync(reference, 1)).ShouldBe("pending");
        File.Exists(Path.Combine(App.OutboxPath, $"{reference}.assignment.2.eml")).ShouldBeFalse();

        await AdvanceClockToAsync(escalationDue.AddMinutes(1));
        await Task.WhenAll(RunTimerAsync(), RunTimerAsync(), RunTimerAsync());

        (await StateAsync(reference, 1)).ShouldBe("escalated");
        (await fixture.Storage.CountAssignmentsAsync(reference)).ShouldBe(2);
        var escalatedMail = Eml.Read(Path.Combine(App.OutboxPath, $"{reference}.escalated.1.eml"));
        escalatedMail.Headers["To"].ShouldContain("polska@example.org");
        escalatedMail.Headers["Content-Language"].ShouldBe("pl");
        var next = Eml.Read(Path.Combine(App.OutboxPath, $"{reference}.assignment.2.eml")).Text;
        next.ShouldContain("It was escalated to you because Wikimedia Polska did not confirm within 5 business days.");
        next.ShouldNotContain("Routed to");
        Eml.Read(Path.Combine(App.OutboxPath, $"{reference}.handed-on.2.eml")).Headers["To"].ShouldContain("anna@example.org");
        Eml.Read(Path.Combine(App.OutboxPath, $"{reference}.reminder.1.eml")).Headers["Reply-To"].ShouldContain("partnerships@example.org");
        var actions = (await TrailAsync(reference)).GetProperty("trail").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        actions.ShouldBe(["assigned", "reminded", "escalate", "assigned"]);
    }

    [Fact]
    public async Task EscalateAssignments_ReminderSendFailsOnce_SentOnTheNextRunNotLost()
    {
        var reference = await RoutedAsync();
        var reminderDue = (await TrailAsync(reference)).GetProperty("assignments")[0].GetProperty("reminderDueAt").GetDateTimeOffset();
        var blocker = Path.Combine(App.OutboxPath, $"{reference}.reminder.1.eml");
        Directory.CreateDirectory(blocker); // the local transport cannot write the message: a failed send

        await AdvanceClockToAsync(reminderDue.AddMinutes(1));
        await RunTimerAsync();
        Directory.Exists(blocker).ShouldBeTrue();
        (await TrailAsync(reference)).GetProperty("trail").EnumerateArray().ShouldNotContain(e => e.GetProperty("action").GetString() == "reminded");

        Directory.Delete(blocker);
        await RunTimerAsync();

        File.Exists(blocker).ShouldBeTrue();
        (await TrailAsync(reference)).GetProperty("trail").EnumerateArray().Count(e => e.GetProperty("action").GetString() == "reminded").ShouldBe(1);
    }

    [Fact]
    public async Task EscalateAssignments_OneCorruptItem_DoesNotHoldBackTheOthers()
    {
        var broken = await RoutedAsync();
        var healthy = await RoutedAsync();
        await fixture.Storage.Table(TableNames.Inquiries).UpdateEntityAsync(
            new Azure.Data.Tables.TableEntity(broken, "inquiry") { ["Document"] = "{ not json" }, Azure.ETag.All, Azure.Data.Tables.TableUpdateMode.Merge);
        var due = (await TrailAsync(healthy)).GetProperty("assignments")[0].GetProperty("reminderDueAt").GetDateTimeOffset();

        await AdvanceClockToAsync(due.AddMinutes(1));
        await RunTimerAsync();

        File.Exists(Path.Combine(App.OutboxPath, $"{healthy}.reminder.1.eml")).ShouldBeTrue();
        File.Exists(Path.Combine(App.OutboxPath, $"{broken}.reminder.1.eml")).ShouldBeFalse();
    }

    [Fact]
    public async Task TimerRunner_MissedRunWhileNoInstanceWasUp_RunsAtStartAsPastDue()
    {
        await fixture.Storage.Table(TableNames.TimerStatus).UpsertEntityAsync(new Azure.Data.Tables.TableEntity("EscalateAssignments", "status")
        {
            ["Last"] = DateTimeOffset.UnixEpoch.AddYears(56),
            ["Next"] = DateTimeOffset.UnixEpoch.AddYears(56).AddHours(1), // long ago
        }, Azure.Data.Tables.TableUpdateMode.Replace);

        await using var app = await AppProcess.StartAsync(fixture.Azurite.ConnectionString);

        await Eventually.HoldsAsync(() => Task.FromResult(app.Output.Contains("EscalateAssignments running (past due: True)", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(15), "a past-due run at start");
        await Eventually.HoldsAsync(async () => (await fixture.Storage.Table(TableNames.TimerStatus).GetEntityAsync<Azure.Data.Tables.TableEntity>("EscalateAssignments", "status"))
            .Value.GetDateTimeOffset("Next") > DateTimeOffset.UnixEpoch.AddYears(56).AddHours(2),
            TimeSpan.FromSeconds(15), "the schedule status moved on");
    }

    private async Task<string> RoutedAsync()
    {
        var reference = await App.SubmitValidAsync(Inquiries.Valid);
        await Eventually.HoldsAsync(() => Task.FromResult(File.Exists(Path.Combine(App.OutboxPath, $"{reference}.assignment.1.eml"))
                && File.Exists(Path.Combine(App.OutboxPath, $"{reference}.acknowledgement.eml"))),
            TimeSpan.FromSeconds(10), "assignment e-mail sent");
        await Eventually.HoldsAsync(async () => (await App.StatusAsync(reference)).GetProperty("status").GetString() == "routed",
            TimeSpan.FromSeconds(10), "status routed");
        return reference;
    }

    private string Link(string reference, int sequence, string label) => App.Link(reference, sequence, label);

    private async Task<string?> StateAsync(string reference, int sequence)
    {
        var assignments = (await TrailAsync(reference)).GetProperty("assignments").EnumerateArray();
        return assignments.FirstOrDefault(a => a.GetProperty("sequence").GetInt32() == sequence) is { ValueKind: JsonValueKind.Object } a
            ? a.GetProperty("state").GetString()
            : null;
    }

    private async Task<JsonElement> TrailAsync(string reference)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/inquiries/{reference}/trail");
        request.Headers.Add("x-functions-key", AppProcess.AdminKey);
        using var response = await App.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private Task<HttpResponseMessage> PostFormAsync(string url, Dictionary<string, string> fields) =>
        App.Web.PostAsync(url, new FormUrlEncodedContent(fields));

    private Task AdvanceClockToAsync(DateTimeOffset target) => App.AdvanceClockToAsync(target);

    private async Task RunTimerAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/functions/EscalateAssignments") { Content = JsonContent.Create(new { input = "" }) };
        request.Headers.Add("x-functions-key", AppProcess.AdminKey);
        using var response = await App.Http.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
    }
}
