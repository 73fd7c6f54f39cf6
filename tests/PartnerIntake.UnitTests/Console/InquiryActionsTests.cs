using Microsoft.Extensions.Logging.Abstractions;
using PartnerIntake.Shared.Assignment;
using PartnerIntake.Shared.Console;
using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Mail;
using PartnerIntake.UnitTests.Support;

namespace PartnerIntake.UnitTests.Console;

public class InquiryActionsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider time = new(Now);
    private readonly InMemoryInquiryStore inquiries = new();
    private readonly InMemoryAssignmentStore assignments = new();
    private readonly FakeAssignmentActions assignmentActions = new();
    private readonly InMemoryDueActions due = new();
    private readonly InMemoryMailOutbox outbox = new();
    private readonly RecordingTransport transport = new();
    private readonly InMemoryOperatorAudit audit = new();
    private InMemoryClosures? closures;

    [Fact]
    public async Task ReassignAsync_PendingAssignment_RedirectsThroughTheAffiliatePathAndAudits()
    {
        var reference = Routed();

        var result = await CreateSut().ReassignAsync(reference, "wikimedia-deutschland", " better fit ", "ops@example.org", default);

        result.ShouldBeOfType<ConsoleActionResult.Done>();
        var request = assignmentActions.Requests.ShouldHaveSingleItem();
        request.ShouldBe(new ActRequest(reference, 1, AssignmentAction.Redirect, "operator:ops@example.org", "console", "better fit", "wikimedia-deutschland"));
        var action = audit.Actions.ShouldHaveSingleItem();
        action.ShouldBe(new OperatorAction("inquiry:" + reference, Now, "ops@example.org", "reassign", reference, "wikimedia-polska → wikimedia-deutschland", "better fit"));
    }

    [Theory]
    [InlineData(null, "better fit", "entity")]
    [InlineData("wikimedia-deutschland", "", "reason")]
    [InlineData("wikimedia-deutschland", "   ", "reason")]
    public async Task ReassignAsync_MissingInput_InvalidNamingTheFieldAndNothingDone(string? entity, string reason, string field)
    {
        var reference = Routed();

        var result = await CreateSut().ReassignAsync(reference, entity, reason, "ops", default);

        result.ShouldBeOfType<ConsoleActionResult.Invalid>().Field.ShouldBe(field);
        assignmentActions.Requests.ShouldBeEmpty();
        audit.Actions.ShouldBeEmpty();
    }

    [Fact]
    public async Task ReassignAsync_LifecycleRefusesTarget_InvalidOnEntityAndNotAudited()
    {
        var reference = Routed();
        assignmentActions.Answer = _ => new ActOutcome.Invalid("redirectTo", "Choose an active movement entity.");

        var result = await CreateSut().ReassignAsync(reference, "nobody", "why", "ops", default);

        result.ShouldBe(new ConsoleActionResult.Invalid("entity", "Choose an active movement entity."));
        audit.Actions.ShouldBeEmpty();
    }

    [Fact]
    public async Task ReassignAsync_ClosedInquiry_Conflict()
    {
        var reference = Routed();
        await CreateSut().CloseAsync(reference, InquiryOutcome.Duplicate, null, "ops", default);

        var result = await CreateSut().ReassignAsync(reference, "wikimedia-deutschland", "why", "ops", default);

        result.ShouldBeOfType<ConsoleActionResult.Conflict>();
        assignmentActions.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task ReassignAsync_NotRoutedYet_Conflict()
    {
        var inquiry = ConsoleBuilders.Inquiry(Now.AddHours(-1));
        inquiries.Items[inquiry.Reference] = inquiry;

        var result = await CreateSut().ReassignAsync(inquiry.Reference, "wikimedia-deutschland", "why", "ops", default);

        result.ShouldBeOfType<ConsoleActionResult.Conflict>();
    }

    [Fact]
    public async Task ReassignAsync_UnknownInquiry_NotFound()
    {
        var result = await CreateSut().ReassignAsync(ConsoleBuilders.Reference(), "wikimedia-deutschland", "why", "ops", default);

        result.ShouldBeOfType<ConsoleActionResult.NotFound>();
    }

    [Fact]
    public async Task AddNoteAsync_Text_AuditedAsNoteWithTheText()
    {
        var reference = Routed();

        var result = await CreateSut().AddNoteAsync(reference, "Called them; they will reply next week.", "ops", default);

        result.ShouldBeOfType<ConsoleActionResult.Done>();
        var note = (await CreateSut().HistoryAsync(reference, default)).ShouldHaveSingleItem();
        note.Action.ShouldBe("note");
        note.Reason.ShouldBe("Called them; they will reply next week.");
        note.Actor.ShouldBe("ops");
    }

    [Theory]
    [InlineData("")]
    [InlineData("bell\u0007")]
    public async Task AddNoteAsync_EmptyOrControlCharacters_InvalidNote(string note)
    {
        var reference = Routed();

        var result = await CreateSut().AddNoteAsync(reference, note, "ops", default);

        result.ShouldBeOfType<ConsoleActionResult.Invalid>().Field.ShouldBe("note");
        audit.Actions.ShouldBeEmpty();
    }

    [Fact]
    public async Task AddNoteAsync_TooLong_Invalid()
    {
        var reference = Routed();

        var result = await CreateSut().AddNoteAsync(reference, new string('x', InquiryActions.MaxTextLength + 1), "ops", default);

        result.ShouldBeOfType<ConsoleActionResult.Invalid>().Field.ShouldBe("note");
    }

    [Fact]
    public async Task CloseAsync_Outcome_ClosedDeadlinesCancelledAndAudited()
    {
        var reference = Routed();
        var assignment = assignments.Items.Single();
        due.Items.Add(new DueAction(assignment.ReminderDueAt!.Value, reference, 1, DueKind.Reminder));
        due.Items.Add(new DueAction(assignment.EscalationDueAt!.Value, reference, 1, DueKind.Escalation));

        var result = await CreateSut().CloseAsync(reference, InquiryOutcome.PartnershipAgreed, "signed", "ops", default);

        result.ShouldBeOfType<ConsoleActionResult.Done>();
        inquiries.Items[reference].Status.ShouldBe(InquiryStatus.Closed);
        closures!.Closures[reference].ShouldBe(new InquiryClosure(InquiryOutcome.PartnershipAgreed, Now, "ops"));
        due.Items.ShouldBeEmpty();
        audit.Actions.ShouldHaveSingleItem().ShouldBe(
            new OperatorAction("inquiry:" + reference, Now, "ops", "close", reference, InquiryOutcome.PartnershipAgreed, "signed"));
    }

    [Fact]
    public async Task CloseAsync_Twice_SecondIsConflictAndAuditedOnce()
    {
        var reference = Routed();
        await CreateSut().CloseAsync(reference, InquiryOutcome.NoReply, null, "ops", default);

        var again = await CreateSut().CloseAsync(reference, InquiryOutcome.NoReply, null, "ops", default);

        again.ShouldBeOfType<ConsoleActionResult.Conflict>();
        audit.Actions.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("archived")]
    public async Task CloseAsync_UnknownOutcome_InvalidOutcomeAndStillOpen(string? outcome)
    {
        var reference = Routed();

        var result = await CreateSut().CloseAsync(reference, outcome, null, "ops", default);

        result.ShouldBeOfType<ConsoleActionResult.Invalid>().Field.ShouldBe("outcome");
        inquiries.Items[reference].Status.ShouldBe(InquiryStatus.Routed);
    }

    [Fact]
    public async Task MarkSpamAsync_Routed_ClosedAsSpamAndAuditedAsMarkSpam()
    {
        var reference = Routed();

        await CreateSut().MarkSpamAsync(reference, "ops", default);

        closures!.Closures[reference].Outcome.ShouldBe(InquiryOutcome.Spam);
        audit.Actions.ShouldHaveSingleItem().Action.ShouldBe("mark-spam");
    }

    [Fact]
    public async Task ResendAsync_SameToken_SentOnceAsACopyWithItsOwnOutboxId()
    {
        var reference = Routed();
        var original = Mail(reference + ".assignment.1");
        outbox.Seed(original, OutboxState.Sent, null);

        var first = await CreateSut().ResendAsync(reference, original.OutboxId, "abcdef0123456789", "ops", default);
        var repeat = await CreateSut().ResendAsync(reference, original.OutboxId, "abcdef0123456789", "ops", default);

        first.ShouldBeOfType<ConsoleActionResult.Done>();
        repeat.ShouldBeOfType<ConsoleActionResult.Done>();
        var sent = transport.Sent.ShouldHaveSingleItem();
        sent.OutboxId.ShouldBe(reference + ".assignment.1.resend-abcdef0123456789");
        sent.Subject.ShouldBe(original.Subject);
        sent.Html.ShouldBe(original.Html);
        sent.ReplyTo.ShouldBe(original.ReplyTo);
        audit.Actions.ShouldHaveSingleItem().ShouldBe(
            new OperatorAction("inquiry:" + reference, Now, "ops", "resend", sent.OutboxId, original.OutboxId, null));
    }

    [Fact]
    public async Task ResendAsync_NewToken_SentAgain()
    {
        var reference = Routed();
        var original = Mail(reference + ".ack");
        outbox.Seed(original, OutboxState.Sent, null);

        await CreateSut().ResendAsync(reference, original.OutboxId, "aaaaaaaaaaaaaaaa", "ops", default);
        await CreateSut().ResendAsync(reference, original.OutboxId, "bbbbbbbbbbbbbbbb", "ops", default);

        transport.Sent.Count.ShouldBe(2);
    }

    [Fact]
    public async Task ResendAsync_ResendOfAResend_IdDoesNotGrow()
    {
        var reference = Routed();
        var copy = Mail(reference + ".ack.resend-aaaaaaaaaaaaaaaa");
        outbox.Seed(copy, OutboxState.Sent, null);

        await CreateSut().ResendAsync(reference, copy.OutboxId, "bbbbbbbbbbbbbbbb", "ops", default);

        transport.Sent.ShouldHaveSingleItem().OutboxId.ShouldBe(reference + ".ack.resend-bbbbbbbbbbbbbbbb");
    }

    [Theory]
    [InlineData("other")]
    [InlineData("../etc")]
    public async Task ResendAsync_MailOfAnotherInquiryOrMalformedId_NotFoundAndNothingSent(string suffix)
    {
        var reference = Routed();
        var elsewhere = Mail(ConsoleBuilders.Reference() + ".ack");
        outbox.Seed(elsewhere, OutboxState.Sent, null);

        var result = await CreateSut().ResendAsync(reference, suffix == "other" ? elsewhere.OutboxId : reference + "." + suffix, "aaaaaaaaaaaaaaaa", "ops", default);

        result.ShouldBeOfType<ConsoleActionResult.NotFound>();
        transport.Sent.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("short")]
    [InlineData("UPPERCASEISNOTOK")]
    public async Task ResendAsync_BadToken_InvalidToken(string? token)
    {
        var reference = Routed();

        var result = await CreateSut().ResendAsync(reference, reference + ".ack", token, "ops", default);

        result.ShouldBeOfType<ConsoleActionResult.Invalid>().Field.ShouldBe("token");
    }

    [Fact]
    public async Task ResendAsync_ProviderDown_ConflictNotException()
    {
        var reference = Routed();
        var original = Mail(reference + ".ack");
        outbox.Seed(original, OutboxState.Sent, null);
        transport.FailuresLeft = 1;

        var result = await CreateSut().ResendAsync(reference, original.OutboxId, "aaaaaaaaaaaaaaaa", "ops", default);

        result.ShouldBeOfType<ConsoleActionResult.Conflict>();
        audit.Actions.ShouldBeEmpty();
    }

    private string Routed()
    {
        var inquiry = ConsoleBuilders.Inquiry(Now.AddHours(-2), status: InquiryStatus.Routed,
            assignee: new AssigneeSummary("wikimedia-polska", "Wikimedia Polska", "chapter"));
        inquiries.Items[inquiry.Reference] = inquiry;
        assignments.Items.Add(ConsoleBuilders.Assignment(inquiry.Reference, 1, Now.AddHours(-2)) with
        {
            ReminderDueAt = Now.AddDays(2),
            EscalationDueAt = Now.AddDays(5),
        });
        return inquiry.Reference;
    }

    private static OutboundMail Mail(string outboxId) =>
        new(outboxId, MailKinds.Assignment, new Recipient("polska@example.org", "Wikimedia Polska"), "New inquiry", "text", "<p>html</p>", "en")
        {
            ReplyTo = new Recipient("partnerships@example.org", "Partnerships"),
        };

    private InquiryActions CreateSut()
    {
        closures ??= new InMemoryClosures(inquiries);
        return new InquiryActions(inquiries, assignments, assignmentActions, closures, due, new InMemoryStoredMails(outbox),
            new MailSender(outbox, transport, time, NullLogger<MailSender>.Instance), audit, time);
    }
}
