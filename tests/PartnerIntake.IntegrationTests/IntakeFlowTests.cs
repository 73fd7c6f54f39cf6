using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PartnerIntake.IntegrationTests.Infrastructure;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.IntegrationTests;

[Collection(AppCollection.Name)]
public class IntakeFlowTests(AppFixture fixture)
{
    private AppProcess App => fixture.App;

    [Fact]
    public async Task Submit_ValidInquiry_RoutedWithAssignmentAndAcknowledgementWithin10Seconds()
    {
        using var response = await App.SubmitAsync(Inquiries.Valid);

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var reference = body.GetProperty("reference").GetString()!;
        body.GetProperty("status").GetString().ShouldBe("received");
        body.GetProperty("statusUrl").GetString().ShouldEndWith($"/api/inquiries/{reference}");
        response.Headers.Location!.ToString().ShouldEndWith(reference);

        await Eventually.HoldsAsync(async () => (await App.StatusAsync(reference)).GetProperty("status").GetString() == "routed",
            TimeSpan.FromSeconds(10), "status routed");
        await Eventually.HoldsAsync(() => Task.FromResult(App.OutboxFiles(reference).Length == 3),
            TimeSpan.FromSeconds(10), "assignment, collaborator and acknowledgement e-mails in the outbox");
        App.OutboxFiles(reference).ShouldBe(
            [$"{reference}.acknowledgement.eml", $"{reference}.assignment.1.eml", $"{reference}.collaborator.1.wmf-culture-heritage.eml"],
            ignoreOrder: true);

        var assignment = Eml.Read(Path.Combine(App.OutboxPath, $"{reference}.assignment.1.eml"));
        assignment.Headers["To"].ShouldContain("polska@example.org");
        assignment.Text.ShouldContain(reference);
        assignment.Text.ShouldContain("Muzeum Narodowe w Warszawie");
        assignment.Text.ShouldContain("anna@example.org"); // the assignee needs to reach the partner
        assignment.Html.ShouldContain("5,000 scans");
        // A helpdesk mail in the entity's language (Wikimedia Polska: pl), the form's labels rather than codes, buttons and links.
        assignment.Headers["Content-Language"].ShouldBe("pl");
        assignment.Headers["Reply-To"].ShouldContain("partnerships@example.org");
        assignment.Text.ShouldContain("Udostępnianie treści");
        assignment.Text.ShouldContain("Skala: Krajowa");
        assignment.Text.ShouldContain("Miejsce: Polska\n");
        assignment.Text.ShouldNotContain("content-donation");
        assignment.Text.ShouldNotContain("(PL)");
        assignment.Text.ShouldContain("Otrzymują Państwo to zapytanie, ponieważ działają Państwo jako stowarzyszenie lokalne dla obszaru Polska");
        foreach (var label in new[] { "Accept", "Redirect to another entity", "Decline" })
        {
            var link = LifecycleSteps.ActionLink(assignment.Text, label);
            assignment.Html.ShouldContain($"{link.Replace("=", "&#x3D;", StringComparison.Ordinal)}\" style=\"display: inline-block;");
        }

        var acknowledgement = Eml.Read(Path.Combine(App.OutboxPath, $"{reference}.acknowledgement.eml"));
        acknowledgement.Headers["To"].ShouldContain("anna@example.org");
        acknowledgement.Headers["Content-Language"].ShouldBe("pl");
        acknowledgement.Text.ShouldContain(reference);
        acknowledgement.Text.ShouldContain("W ciągu 5 dni roboczych Wikimedia Polska potwierdzi, że się nim zajmie.");
        acknowledgement.Html.ShouldContain("lang=\"pl\"");
    }

    [Fact]
    public async Task GetStatus_Routed_ShowsAssigneeAndNoPersonalData()
    {
        var reference = await App.SubmitValidAsync(Inquiries.Valid);
        await Eventually.HoldsAsync(async () => (await App.StatusAsync(reference)).GetProperty("status").GetString() == "routed",
            TimeSpan.FromSeconds(10), "status routed");

        var raw = await App.Http.GetStringAsync($"/api/inquiries/{reference}");
        var status = JsonDocument.Parse(raw).RootElement;

        status.GetProperty("assignee").GetProperty("name").GetString().ShouldBe("Wikimedia Polska");
        status.GetProperty("assignee").GetProperty("kind").GetString().ShouldBe("chapter");
        status.GetProperty("explanation").GetString()!.ShouldContain("Wikimedia Polska");
        status.TryGetProperty("receivedAt", out _).ShouldBeTrue();
        status.TryGetProperty("routedAt", out _).ShouldBeTrue();
        raw.ShouldNotContain("Anna");
        raw.ShouldNotContain("anna@example.org");
    }

    [Theory]
    [InlineData("PI-0000-0000-0000-0000")]
    [InlineData("not-a-reference")]
    [InlineData("PI-0000-0000-0000-0000' or PartitionKey ne '")]
    public async Task GetStatus_UnknownOrMalformedReference_Answers404Problem(string reference)
    {
        using var response = await App.Http.GetAsync($"/api/inquiries/{Uri.EscapeDataString(reference)}");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task RouteInquiry_SameMessageDeliveredAgain_OneAssignmentAndOneOfEachEmail()
    {
        // No collaborators for a local event in New York: exactly the assignment and the acknowledgement.
        var reference = await App.SubmitValidAsync(Inquiries.With(n =>
        {
            n["organization"]!["country"] = "US";
            n["organization"]!["subdivision"] = "US-NY";
            n["topics"] = new System.Text.Json.Nodes.JsonArray("events");
            n["scale"] = "local";
            n["agreement"] = "informal";
            n["contentLanguages"] = new System.Text.Json.Nodes.JsonArray();
        }));
        await Eventually.HoldsAsync(async () => (await App.StatusAsync(reference)).GetProperty("status").GetString() == "routed",
            TimeSpan.FromSeconds(10), "status routed");

        // Redelivery: the same message twice more on the queue (concurrently) and once through the admin trigger.
        var message = $$"""{"inquiryId":"{{reference}}"}""";
        await Task.WhenAll(
            fixture.Storage.EnqueueAsync(QueueNames.Inquiries, message),
            fixture.Storage.EnqueueAsync(QueueNames.Inquiries, message));
        await Eventually.HoldsAsync(async () => await fixture.Storage.QueueLengthAsync(QueueNames.Inquiries) == 0,
            TimeSpan.FromSeconds(10), "redelivered messages consumed");
        using var trigger = new HttpRequestMessage(HttpMethod.Post, "/admin/functions/RouteInquiry")
        {
            Content = JsonContent.Create(new { input = message }),
        };
        trigger.Headers.Add("x-functions-key", AppProcess.AdminKey);
        (await App.Http.SendAsync(trigger)).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        (await fixture.Storage.CountAssignmentsAsync(reference)).ShouldBe(1);
        (await fixture.Storage.CountMailsAsync(reference)).ShouldBe(2);
        App.OutboxFiles(reference).Length.ShouldBe(2);
    }

    [Fact]
    public async Task RouteInquiry_MessageThatAlwaysFails_PoisonedAfterFiveDequeuesAndStatusFailed()
    {
        // A stored inquiry whose document cannot be read: every delivery fails.
        var reference = PartnerIntake.Shared.Intake.InquiryReference.New();
        var entity = new Azure.Data.Tables.TableEntity(reference, "inquiry")
        {
            ["Document"] = "{ this is not json",
            ["Status"] = "received",
            ["ReceivedAt"] = new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero),
        };
        await fixture.Storage.InsertAsync(TableNames.Inquiries, entity);

        await fixture.Storage.EnqueueAsync(QueueNames.Inquiries, $$"""{"inquiryId":"{{reference}}"}""");

        await Eventually.HoldsAsync(
            async () => (await fixture.Storage.PeekAsync(QueueNames.Poison(QueueNames.Inquiries))).Any(m => m.Contains(reference, StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30), "message in inquiries-poison");
        var status = await App.StatusAsync(reference);
        status.GetProperty("status").GetString().ShouldBe("failed");
        status.TryGetProperty("failedAt", out _).ShouldBeTrue();
        (await fixture.Storage.CountRowsAsync(TableNames.Inquiries, reference)).ShouldBe(1); // still stored, and nothing else written
        App.Output.ShouldContain("(dequeue 5)");
        App.Output.ShouldNotContain("(dequeue 6)");
    }

    [Fact]
    public async Task Health_StorageUp_Answers200()
    {
        var health = await App.Http.GetFromJsonAsync<JsonElement>("/api/health");

        health.GetProperty("status").GetString().ShouldBe("healthy");
    }

    [Fact]
    public async Task AdminTrigger_WithoutOrWithWrongKey_Answers401()
    {
        using var noKey = await App.Http.PostAsJsonAsync("/admin/functions/RouteInquiry", new { input = "{}" });
        using var wrong = new HttpRequestMessage(HttpMethod.Post, "/admin/functions/RouteInquiry") { Content = JsonContent.Create(new { input = "{}" }) };
        wrong.Headers.Add("x-functions-key", "guess");

        noKey.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await App.Http.SendAsync(wrong)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Logs_AfterRouting_HoldNoPersonalData()
    {
        var reference = await App.SubmitValidAsync(Inquiries.With(n =>
        {
            n["contact"]!["name"] = "Zofia Logcheck";
            n["contact"]!["email"] = "zofia.logcheck@example.org";
        }));
        await Eventually.HoldsAsync(async () => (await App.StatusAsync(reference)).GetProperty("status").GetString() == "routed",
            TimeSpan.FromSeconds(10), "status routed");

        App.Output.ShouldContain(reference);
        App.Output.ShouldNotContain("Logcheck");
        App.Output.ShouldNotContain("zofia.logcheck@example.org");
    }
}
