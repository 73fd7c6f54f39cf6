using PartnerIntake.Shared.Assignment;
using PartnerIntake.Shared.Console;
using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Mail;
using PartnerIntake.Shared.Routing;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.IntegrationTests.Console;

[Collection(ConsoleStorageCollection.Name)]
public class AttentionSourceTests(ConsoleStorageFixture fixture)
{
    private static readonly DateTimeOffset Now = TimeProvider.System.GetUtcNow();

    [Fact]
    public async Task ReadAttentionAsync_InquiryAssignmentAndMailRows_OneRowPerInquiryWithItsLatestAssignmentAndMailTrouble()
    {
        var inquiries = new TableInquiryStore(fixture.Account);
        var assignments = new TableAssignmentStore(fixture.Account);
        var outbox = new TableMailOutbox(fixture.Account);
        var reference = await ConsoleData.InsertInquiryAsync(inquiries, Now.AddDays(-10));
        await inquiries.MarkRoutedAsync(reference, new AssigneeSummary("wikimedia-polska", "Wikimedia Polska", EntityKind.Chapter), "routed", Now.AddDays(-10), default);
        var first = await assignments.CreateOnceAsync(ConsoleData.Assignment(reference, 1, Now.AddDays(-10)), default);
        (await assignments.TryTransitionAsync(first, AssignmentState.Declined, Now.AddDays(-9), "x", "no", null, default)).ShouldBeTrue();
        await assignments.CreateOnceAsync(ConsoleData.Assignment(reference, 2, Now.AddDays(-8)), default);
        await AddMailAsync(outbox, reference + ".assignment.2", sent: false, error: "HttpRequestException");
        await AddMailAsync(outbox, reference + ".ack", sent: true, error: null);
        await outbox.RecordDeliveryAsync(reference + ".ack", MailEventTypes.Bounce, Now, default);

        var (rows, truncated) = await new TableDashboardSource(fixture.Account).ReadAttentionAsync(default);

        var row = rows.Single(r => r.Reference == reference);
        row.Status.ShouldBe(InquiryStatus.Routed);
        row.LatestAssignmentState.ShouldBe(AssignmentState.Pending);
        row.LatestEscalationDueAt.ShouldNotBeNull().ShouldBe(Now.AddDays(-3), TimeSpan.FromMilliseconds(1));
        row.FailedMails.ShouldBe(1);
        row.BouncedMails.ShouldBe(1);
        WorkState.IsOverdue(row, Now).ShouldBeTrue();
        truncated.ShouldBeFalse();
    }

    [Fact]
    public async Task CloseAsync_RoutedInquiry_StatusClosedClosureReadBackDocumentKept()
    {
        var inquiries = new TableInquiryStore(fixture.Account);
        var reference = await ConsoleData.InsertInquiryAsync(inquiries, Now.AddDays(-1), organization: "Closing Archive");
        var actions = new TableInquiryActions(fixture.Account);

        await actions.CloseAsync(reference, new InquiryClosure(InquiryOutcome.Duplicate, Now, "ops"), default);

        (await inquiries.GetProgressAsync(reference, default))!.Status.ShouldBe(InquiryStatus.Closed);
        (await inquiries.GetAsync(reference, default))!.Submission.Organization.Name.ShouldBe("Closing Archive");
        var closure = (await actions.GetAsync(reference, default)).ShouldNotBeNull();
        closure.Outcome.ShouldBe(InquiryOutcome.Duplicate);
        closure.ClosedBy.ShouldBe("ops");
        var (rows, _) = await new TableInquiryQueries(fixture.Account).FindAsync(new InquiryFilter(State: WorkState.Closed), false, 10_000, default);
        rows.Single(r => r.Reference == reference).Outcome.ShouldBe(InquiryOutcome.Duplicate);
    }

    private static async Task AddMailAsync(TableMailOutbox outbox, string outboxId, bool sent, string? error)
    {
        var mail = new OutboundMail(outboxId, MailKinds.Assignment, new Recipient("polska@example.org", null), "s", "t", "<p>h</p>", "en");
        await outbox.AddClaimedOrGetAsync(mail, Now, Now.AddMinutes(5), default);
        await outbox.SettleAsync([new MailSettlement(outboxId, Now, sent ? "provider-id" : null, error)], default);
    }
}
