using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PartnerIntake.IntegrationTests.Infrastructure;
using PartnerIntake.Shared.Assignment;
using PartnerIntake.Shared.Common;
using PartnerIntake.Shared.Mail;
using PartnerIntake.Shared.Routing;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.IntegrationTests;

/// <summary>
/// What an action link's POST may carry: a reason of at most 2,000 characters, checked before anything changes; only the
/// fields its action takes; and a failed action never loses the assignment's reminder or escalation.
/// </summary>
[Collection(LifecycleCollection.Name)]
public class ActionInputLimitsTests(AppFixture fixture)
{
    private AppProcess App => fixture.App;

    [Fact]
    public async Task DeclinePost_ReasonOf32001Characters_ClearPageNothingStoredAndTheReminderStillRuns()
    {
        var reference = await App.RoutedAsync();
        var reminderDue = (await App.TrailAsync(reference)).GetProperty("assignments")[0].GetProperty("reminderDueAt").GetDateTimeOffset();
        var url = App.Link(reference, 1, "Decline");

        using var post = await App.PostLinkAsync(url + "?culture=en", new() { ["reason"] = new string('x', 32_001) });
        var html = WebUtility.HtmlDecode(await post.Content.ReadAsStringAsync());

        post.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        html.ShouldContain("Write the reason as plain text of at most 2,000 characters.");
        html.ShouldContain("href=\"#reason\"");
        (await App.StateAsync(reference, 1)).ShouldBe("pending");
        (await App.ActionsAsync(reference)).ShouldBe(["assigned"]);
        File.Exists(Path.Combine(App.OutboxPath, $"{reference}.assignment.2.eml")).ShouldBeFalse();

        await App.RunFunctionAsync("EscalateAssignments"); // whatever the failed action left due runs first
        await App.AdvanceClockToAsync(reminderDue.AddMinutes(1));
        await App.RunFunctionAsync("EscalateAssignments");

        File.Exists(Path.Combine(App.OutboxPath, $"{reference}.reminder.1.eml")).ShouldBeTrue();
        (await App.ActionsAsync(reference)).ShouldBe(["assigned", "reminded"]);
    }

    [Fact]
    public async Task Act_TransitionFailsAfterTheFollowUpWasScheduled_TheReminderIsNotLost()
    {
        var reference = await App.RoutedAsync();
        var reminderDue = (await App.TrailAsync(reference)).GetProperty("assignments")[0].GetProperty("reminderDueAt").GetDateTimeOffset();
        var storage = StorageClients.Connect(fixture.Azurite.ConnectionString);
        var failing = Lifecycle(storage, new FailingTransitions(new TableAssignmentStore(storage)));

        await Should.ThrowAsync<InvalidOperationException>(() => failing.ActAsync(new ActRequest(reference, 1, AssignmentAction.Decline,
            "entity:wikimedia-polska", "test", "No capacity this year."), default));

        await App.RunFunctionAsync("EscalateAssignments"); // runs the follow-up the failed action scheduled
        (await App.StateAsync(reference, 1)).ShouldBe("pending");
        await App.AdvanceClockToAsync(reminderDue.AddMinutes(1));
        await App.RunFunctionAsync("EscalateAssignments");

        File.Exists(Path.Combine(App.OutboxPath, $"{reference}.reminder.1.eml")).ShouldBeTrue();
    }

    [Fact]
    public async Task AcceptPost_WithAReasonAndATarget_RecordsNeither()
    {
        var reference = await App.RoutedAsync();

        using var post = await App.PostLinkAsync(App.Link(reference, 1, "Accept"),
            new() { ["reason"] = "NOT-FOR-THE-RECORD", ["redirectTo"] = "wikimedia-deutschland" });

        post.StatusCode.ShouldBe(HttpStatusCode.OK);
        var accept = (await App.TrailAsync(reference)).GetProperty("trail").EnumerateArray().Single(e => e.GetProperty("action").GetString() == "accept");
        (accept.TryGetProperty("reason", out var reason) ? reason.ValueKind : JsonValueKind.Null).ShouldBe(JsonValueKind.Null);
        (await App.TrailAsync(reference)).ToString().ShouldNotContain("NOT-FOR-THE-RECORD");
    }

    [Fact]
    public async Task Act_AcceptCarryingAReason_RecordsNone()
    {
        var reference = await App.RoutedAsync();
        var storage = StorageClients.Connect(fixture.Azurite.ConnectionString);

        var outcome = await Lifecycle(storage, new TableAssignmentStore(storage)).ActAsync(new ActRequest(reference, 1, AssignmentAction.Accept,
            "entity:wikimedia-polska", "test", "NOT-FOR-THE-RECORD", "wikimedia-deutschland"), default);

        outcome.ShouldBeOfType<ActOutcome.Done>();
        var trail = await new TableAuditTrail(storage).ListAsync(reference, default);
        trail.Single(e => e.Action == AssignmentAction.Accept).Reason.ShouldBeNull();
        (await new TableAssignmentStore(storage).GetAsync(reference, 1, default))!.Reason.ShouldBeNull();
    }

    [Fact]
    public async Task Act_ReasonOverTheLimit_InvalidAndNothingScheduledOrChanged()
    {
        var reference = await App.RoutedAsync();
        var storage = StorageClients.Connect(fixture.Azurite.ConnectionString);

        var outcome = await Lifecycle(storage, new TableAssignmentStore(storage)).ActAsync(new ActRequest(reference, 1, AssignmentAction.Decline,
            "entity:wikimedia-polska", "test", new string('x', AssignmentLifecycle.MaxReasonLength + 1)), default);

        outcome.ShouldBe(new ActOutcome.Invalid("reason", "Write the reason as plain text of at most 2000 characters."));
        (await App.StateAsync(reference, 1)).ShouldBe("pending");
        (await new TableDueActions(storage).DueAsync(TimeProvider.System.GetUtcNow().AddYears(1), 10_000, default))
            .ShouldNotContain(d => d.Reference == reference && d.Kind == DueKind.FollowUp);
    }

    [Fact]
    public async Task PoisonReplay_ReasonOver200Characters_400BeforeAnythingIsTaken()
    {
        using var client = new PageClient(App);
        await client.GetAsync("/admin/signin");
        (await client.PostAsync("/admin/signin", [new("key", AppProcess.AdminKey)])).Response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await client.GetAsync("/admin/poison");

        var (response, html) = await client.PostAsync("/admin/poison",
            [new("queue", "inquiries"), new("messageId", "no-such-message"), new("action", "replay"), new("reason", new string('x', 201))]);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest); // not 409: the reason is judged before the message is looked for
        html.ShouldContain("Reason: at most 200 characters. Nothing was replayed or discarded.");
    }

    /// <summary>The lifecycle in this process over the apps' storage, with the given assignment store.</summary>
    private static AssignmentLifecycle Lifecycle(StorageAccount storage, IAssignmentStore assignments)
    {
        var links = new ActionLinks(Options.Create(new LinkOptions { SigningKey = AppProcess.SigningKey }), TimeProvider.System);
        return new AssignmentLifecycle(
            new TableInquiryStore(storage), assignments, new TableAuditTrail(storage), new TableDueActions(storage), new SeedTables(),
            new InquiryMails(new MailTemplates(), Options.Create(new AppOptions()), links, TimeProvider.System),
            new MailSender(new TableMailOutbox(storage), new NoTransport(), TimeProvider.System, NullLogger<MailSender>.Instance),
            BusinessCalendar.Parse(null), TimeProvider.System, NullLogger<AssignmentLifecycle>.Instance);
    }

    /// <summary>A storage write that fails (a property too large, an outage) at the transition itself.</summary>
    private sealed class FailingTransitions(IAssignmentStore inner) : IAssignmentStore
    {
        public Task<InquiryAssignment?> GetAsync(string reference, int sequence, CancellationToken cancellationToken) => inner.GetAsync(reference, sequence, cancellationToken);

        public Task<IReadOnlyList<InquiryAssignment>> ListAsync(string reference, CancellationToken cancellationToken) => inner.ListAsync(reference, cancellationToken);

        public Task<InquiryAssignment> CreateOnceAsync(InquiryAssignment assignment, CancellationToken cancellationToken) => inner.CreateOnceAsync(assignment, cancellationToken);

        public Task<bool> TryTransitionAsync(InquiryAssignment assignment, string state, DateTimeOffset at, string actedBy, string? reason, string? handedTo,
            CancellationToken cancellationToken) => throw new InvalidOperationException("the transition's write failed");

        public Task<bool> TryMarkRemindedAsync(InquiryAssignment assignment, DateTimeOffset at, CancellationToken cancellationToken) =>
            inner.TryMarkRemindedAsync(assignment, at, cancellationToken);
    }

    private sealed class SeedTables : IRoutingTablesSource
    {
        public ValueTask<RoutingTables> GetLiveAsync(CancellationToken cancellationToken) => ValueTask.FromResult(RoutingTablesCsv.Seed().Parse());

        public void Invalidate()
        {
        }
    }

    private sealed class NoTransport : IMailTransport
    {
        public Task<string?> SendAsync(OutboundMail mail, CancellationToken cancellationToken) => Task.FromResult<string?>(null);
    }
}
