using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PartnerIntake.Shared.Assignment;
using PartnerIntake.Shared.Common;
using PartnerIntake.Shared.Console;
using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Mail;
using PartnerIntake.Shared.Privacy;
using PartnerIntake.Shared.Routing;
using PartnerIntake.UnitTests.Console;
using PartnerIntake.UnitTests.Support;

namespace PartnerIntake.UnitTests.Privacy;

public class WithdrawInquiryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider time = new(Now);
    private readonly InMemoryInquiryStore inquiries = new();
    private readonly InMemoryAssignmentStore assignments = new();
    private readonly InMemoryDueActions due = new();
    private readonly InMemoryMailOutbox outbox = new();
    private readonly RecordingTransport transport = new();
    private readonly InMemoryOperatorAudit audit = new();
    private readonly RecordingEraser eraser = new();
    private readonly InMemoryClosures closures;
    private readonly ActionLinks links;

    public WithdrawInquiryTests()
    {
        closures = new InMemoryClosures(inquiries);
        links = new ActionLinks(Options.Create(new LinkOptions { SigningKey = new string('k', 32) }), time);
    }

    [Fact]
    public async Task CheckAsync_ValidLink_ReadyAndNothingChanged()
    {
        var (reference, token) = Routed();

        var result = await CreateSut().CheckAsync(token, default);

        result.ShouldBe(new WithdrawalResult.Ready(reference));
        inquiries.Items[reference].Status.ShouldBe(InquiryStatus.Routed);
        closures.Closures.ShouldBeEmpty();
        due.Items.Count.ShouldBe(2);
        transport.Sent.ShouldBeEmpty();
        eraser.Inquiries.ShouldBeEmpty();
        audit.Actions.ShouldBeEmpty();
    }

    [Fact]
    public async Task WithdrawAsync_RoutedInquiry_ClosesAsWithdrawnStopsDeadlinesTellsAssigneeErasesAndAudits()
    {
        var (reference, token) = Routed();

        var result = await CreateSut().WithdrawAsync(token, default);

        result.ShouldBe(new WithdrawalResult.Withdrawn(reference));
        closures.Closures[reference].ShouldBe(new InquiryClosure(InquiryOutcome.Withdrawn, Now, WithdrawInquiry.Actor));
        due.Items.ShouldBeEmpty();
        var mail = transport.Sent.ShouldHaveSingleItem();
        mail.OutboxId.ShouldBe($"{reference}.withdrawn.1");
        mail.Kind.ShouldBe(MailKinds.Withdrawn);
        mail.To.Email.ShouldBe("polska@example.org");
        eraser.Inquiries.ShouldBe([(reference, WithdrawInquiry.Actor)]);
        var action = audit.Actions.ShouldHaveSingleItem();
        action.ShouldBe(new OperatorAction("inquiry:" + reference, Now, WithdrawInquiry.Actor, "withdraw", reference, "1 personal records erased", null));
    }

    [Fact]
    public async Task WithdrawAsync_AssigneeMail_InTheEntityLanguageWithoutThePartnersDetails()
    {
        var (_, token) = Routed();

        await CreateSut().WithdrawAsync(token, default);

        var mail = transport.Sent.ShouldHaveSingleItem();
        mail.Language.ShouldBe("pl");
        mail.Subject.ShouldContain("Muzeum Narodowe w Warszawie");
        foreach (var personal in new[] { "Anna Nowak", "anna@example.org", "Digital curator", "5,000 scans" })
        {
            mail.Subject.ShouldNotContain(personal);
            mail.Text.ShouldNotContain(personal);
            mail.Html.ShouldNotContain(personal);
        }
    }

    [Fact]
    public async Task WithdrawAsync_Replayed_AlreadyWithdrawnAndNothingMore()
    {
        var (reference, token) = Routed();
        await CreateSut().WithdrawAsync(token, default);
        time.Advance(TimeSpan.FromMinutes(5));

        var again = await CreateSut().WithdrawAsync(token, default);

        again.ShouldBe(new WithdrawalResult.AlreadyWithdrawn(reference));
        transport.Sent.Count.ShouldBe(1);
        eraser.Inquiries.Count.ShouldBe(1);
        audit.Actions.Count.ShouldBe(1);
        closures.Closures[reference].ClosedAt.ShouldBe(Now);
        (await CreateSut().CheckAsync(token, default)).ShouldBe(new WithdrawalResult.AlreadyWithdrawn(reference));
    }

    [Fact]
    public async Task WithdrawAsync_TamperedToken_NotValidAndNothingChanged()
    {
        var (reference, token) = Routed();
        var tampered = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];

        var result = await CreateSut().WithdrawAsync(tampered, default);

        result.ShouldBe(new WithdrawalResult.NotValid(LinkCheck.Tampered));
        AssertUnchanged(reference);
    }

    [Fact]
    public async Task WithdrawAsync_ExpiredToken_NotValidAndNothingChanged()
    {
        var (reference, token) = Routed();
        time.Advance(WithdrawalLinks.Lifetime);

        var result = await CreateSut().WithdrawAsync(token, default);

        result.ShouldBe(new WithdrawalResult.NotValid(LinkCheck.Expired));
        AssertUnchanged(reference);
    }

    [Fact]
    public async Task WithdrawAsync_AssignmentLinkInstead_NotValidAndNothingChanged()
    {
        var (reference, _) = Routed();

        var result = await CreateSut().WithdrawAsync(links.Token(reference, 1, AssignmentAction.Decline), default);

        result.ShouldBeOfType<WithdrawalResult.NotValid>();
        AssertUnchanged(reference);
    }

    [Fact]
    public async Task WithdrawAsync_InquiryGone_NotValid()
    {
        var result = await CreateSut().WithdrawAsync(WithdrawalLinks.Token(links, ConsoleBuilders.Reference(), Now), default);

        result.ShouldBeOfType<WithdrawalResult.NotValid>();
        eraser.Inquiries.ShouldBeEmpty();
    }

    [Fact]
    public async Task WithdrawAsync_NoEraserInThisApp_UnavailableAndNothingChanged()
    {
        var (reference, token) = Routed();

        var result = await CreateSut(withEraser: false).WithdrawAsync(token, default);

        result.ShouldBeOfType<WithdrawalResult.Unavailable>();
        AssertUnchanged(reference);
    }

    [Fact]
    public async Task WithdrawAsync_ClosedByAnOperator_KeepsTheOutcomeErasesAndTellsNobody()
    {
        var (reference, token) = Routed();
        await closures.CloseAsync(reference, new InquiryClosure(InquiryOutcome.Declined, Now.AddDays(-1), "ops"), default);

        var result = await CreateSut().WithdrawAsync(token, default);

        result.ShouldBe(new WithdrawalResult.Withdrawn(reference));
        closures.Closures[reference].Outcome.ShouldBe(InquiryOutcome.Declined);
        transport.Sent.ShouldBeEmpty();
        eraser.Inquiries.Count.ShouldBe(1);
        audit.Actions.ShouldHaveSingleItem().Action.ShouldBe("withdraw");
    }

    [Fact]
    public async Task WithdrawAsync_NotRoutedYet_ClosesAndErasesWithoutMail()
    {
        var inquiry = ConsoleBuilders.Inquiry(Now.AddMinutes(-1));
        inquiries.Items[inquiry.Reference] = inquiry;

        var result = await CreateSut().WithdrawAsync(WithdrawalLinks.Token(links, inquiry.Reference, inquiry.ReceivedAt), default);

        result.ShouldBe(new WithdrawalResult.Withdrawn(inquiry.Reference));
        closures.Closures[inquiry.Reference].Outcome.ShouldBe(InquiryOutcome.Withdrawn);
        transport.Sent.ShouldBeEmpty();
        eraser.Inquiries.Count.ShouldBe(1);
    }

    [Fact]
    public async Task WithdrawAsync_StoppedAfterTheMailBefore_FinishesWithoutASecondMail()
    {
        var (reference, token) = Routed();
        audit.Fail = true; // the request dies on its last step: closed, mailed, erased, not yet marked done
        await Should.ThrowAsync<PartnerIntake.Shared.Storage.StorageUnavailableException>(() => CreateSut().WithdrawAsync(token, default));
        audit.Fail = false;

        var result = await CreateSut().WithdrawAsync(token, default);

        result.ShouldBe(new WithdrawalResult.Withdrawn(reference));
        transport.Sent.Count.ShouldBe(1);
        eraser.Inquiries.Count.ShouldBe(2); // erasing again is a no-op by the eraser's contract
        audit.Actions.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task WithdrawAsync_MailProviderDown_StillWithdrawnAndErasedAndTheAuditSaysTheNoticeIsOwed()
    {
        var (reference, token) = Routed();
        transport.FailuresLeft = 10;

        var result = await CreateSut().WithdrawAsync(token, default);

        result.ShouldBe(new WithdrawalResult.Withdrawn(reference));
        transport.Sent.ShouldBeEmpty();
        outbox.Records.Keys.ShouldContain($"{reference}.withdrawn.1");
        eraser.Inquiries.Count.ShouldBe(1);
        audit.Actions.ShouldHaveSingleItem().Detail.ShouldBe("1 personal records erased; the notice to the assignee is not sent yet: resend it from this page");
    }

    private void AssertUnchanged(string reference)
    {
        inquiries.Items[reference].Status.ShouldBe(InquiryStatus.Routed);
        closures.Closures.ShouldBeEmpty();
        due.Items.Count.ShouldBe(2);
        outbox.Records.ShouldBeEmpty();
        eraser.Inquiries.ShouldBeEmpty();
        audit.Actions.ShouldBeEmpty();
    }

    private (string Reference, string Token) Routed()
    {
        var inquiry = ConsoleBuilders.Inquiry(Now.AddHours(-2), status: InquiryStatus.Routed,
            assignee: new AssigneeSummary("wikimedia-polska", "Wikimedia Polska", "chapter"));
        inquiries.Items[inquiry.Reference] = inquiry;
        var assignment = ConsoleBuilders.Assignment(inquiry.Reference, 1, Now.AddHours(-2)) with
        {
            ReminderDueAt = Now.AddDays(2),
            EscalationDueAt = Now.AddDays(5),
        };
        assignments.Items.Add(assignment);
        due.Items.Add(new DueAction(assignment.ReminderDueAt.Value, inquiry.Reference, 1, DueKind.Reminder));
        due.Items.Add(new DueAction(assignment.EscalationDueAt.Value, inquiry.Reference, 1, DueKind.Escalation));
        return (inquiry.Reference, WithdrawalLinks.Token(links, inquiry.Reference, inquiry.ReceivedAt));
    }

    private WithdrawInquiry CreateSut(bool withEraser = true) =>
        new(links, inquiries, assignments, closures, due, new SeedRoutingTables(),
            new InquiryMails(new MailTemplates(), Options.Create(new AppOptions()), links, time,
                Options.Create(new MailOptions { FromEmail = "sender@example.org" })),
            new MailSender(outbox, transport, time, NullLogger<MailSender>.Instance), audit, time, NullLogger<WithdrawInquiry>.Instance,
            withEraser ? eraser : null);
}
