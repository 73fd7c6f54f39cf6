using PartnerIntake.Shared.Assignment;
using PartnerIntake.Shared.Console;
using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Recognition;
using PartnerIntake.Shared.Routing;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.IntegrationTests.Console;

[Collection(ConsoleStorageCollection.Name)]
public class DashboardSourceTests(ConsoleStorageFixture fixture)
{
    private static readonly DateTimeOffset Now = TimeProvider.System.GetUtcNow();

    [Fact]
    public async Task ReadAsync_StoredRows_FactsFromColumnsSinceTheGivenTime()
    {
        var inquiries = new TableInquiryStore(fixture.Account);
        var recent = await ConsoleData.InsertInquiryAsync(inquiries, Now.AddDays(-3), country: "FR", topics: ["data", "education"]);
        await inquiries.MarkAcceptedAsync(recent, new AssigneeSummary("wikimedia-france", "Wikimedia France", EntityKind.Chapter), Now.AddDays(-2), default);
        var old = await ConsoleData.InsertInquiryAsync(inquiries, Now.AddDays(-200));
        var oldButAcceptedRecently = await ConsoleData.InsertInquiryAsync(inquiries, Now.AddDays(-120));
        await inquiries.MarkAcceptedAsync(oldButAcceptedRecently, new AssigneeSummary("wmf-partnerships", "WMF", EntityKind.FoundationTeam), Now.AddDays(-1), default);

        var facts = await CreateSut().ReadAsync(Now.AddDays(-90), default);

        var mine = facts.Inquiries.Where(i => i.Reference == recent || i.Reference == old || i.Reference == oldButAcceptedRecently).ToList();
        mine.Select(i => i.Reference).ShouldBe([recent, oldButAcceptedRecently], ignoreOrder: true);
        var fact = mine.Single(i => i.Reference == recent);
        fact.Status.ShouldBe(InquiryStatus.Accepted);
        fact.Country.ShouldBe("FR");
        fact.Topics.ShouldBe(["data", "education"]);
        fact.AssigneeKind.ShouldBe(EntityKind.Chapter);
        fact.AcceptedAt.ShouldNotBeNull().ShouldBe(Now.AddDays(-2), TimeSpan.FromMilliseconds(1));
        fact.ReceivedAt.ShouldBe(Now.AddDays(-3), TimeSpan.FromMilliseconds(1));
        facts.Truncated.ShouldBeFalse();
    }

    [Fact]
    public async Task ReadAsync_EscalatedAssignment_ReportedWithItsTime()
    {
        var assignments = new TableAssignmentStore(fixture.Account);
        var reference = InquiryReference.New();
        var created = await assignments.CreateOnceAsync(ConsoleData.Assignment(reference, 1, Now.AddDays(-6)), default);
        (await assignments.TryTransitionAsync(created, AssignmentState.Escalated, Now.AddDays(-1), "function:EscalateAssignments", "sla", null, default)).ShouldBeTrue();
        var pending = await assignments.CreateOnceAsync(ConsoleData.Assignment(reference, 2, Now.AddDays(-1)), default);

        var facts = await CreateSut().ReadAsync(Now.AddDays(-90), default);

        var mine = facts.Escalations.Where(e => e.Reference == reference).ToList();
        mine.Count.ShouldBe(1);
        mine[0].Sequence.ShouldBe(1);
        mine[0].AssigneeKind.ShouldBe(EntityKind.Chapter);
        mine[0].At.ShouldBe(Now.AddDays(-1), TimeSpan.FromMilliseconds(1));
        pending.State.ShouldBe(AssignmentState.Pending);
    }

    [Fact]
    public async Task ReadAsync_SentNotices_TheirSendingTimes()
    {
        var notices = new TableNoticeStore(fixture.Account, TimeProvider.System);
        var sentAt = Now.AddMinutes(-17).AddTicks(-Now.Ticks % TimeSpan.TicksPerMillisecond);
        var sent = new Notice(Now.AddDays(-1), "D-DASH" + Guid.NewGuid().ToString("N")[..6], RecognitionKinds.ThankYou, 1);
        var pending = sent with { Kind = RecognitionKinds.Attribution };
        await notices.ScheduleAsync(sent, default);
        await notices.ScheduleAsync(pending, default);
        var stored = await notices.ForDonationAsync(sent.DonationId, default);
        (await notices.TryMarkAsync(stored.Single(n => n.Kind == sent.Kind), NoticeStatus.Sent, sentAt, default)).ShouldBeTrue();

        var facts = await CreateSut().ReadAsync(Now.AddDays(-90), default);

        facts.NoticesSent.ShouldContain(sentAt);
    }

    [Fact]
    public async Task ReadAsync_PoisonQueue_ItsLength()
    {
        var before = (await CreateSut().ReadAsync(Now, default)).PoisonQueues.Single(q => q.Queue == "inquiries-poison").Messages;
        await fixture.Storage.EnqueueAsync("inquiries-poison", "{\"inquiryId\":\"PI-0000-0000-0000-0000\"}");

        var after = (await CreateSut().ReadAsync(Now, default)).PoisonQueues.Single(q => q.Queue == "inquiries-poison").Messages;

        after.ShouldBeGreaterThanOrEqualTo(before + 1);
    }

    private TableDashboardSource CreateSut() => new(fixture.Account);
}
