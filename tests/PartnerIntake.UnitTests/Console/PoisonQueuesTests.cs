using Microsoft.Extensions.Logging.Abstractions;
using PartnerIntake.Shared.Console;
using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Storage;
using PartnerIntake.UnitTests.Support;

namespace PartnerIntake.UnitTests.Console;

public class PoisonQueuesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    private readonly InMemoryPoisonQueues store = new();
    private readonly InMemoryOperatorAudit audit;
    private readonly InMemoryInquiryStore inquiries = new();

    public PoisonQueuesTests() => audit = new InMemoryOperatorAudit(store.Steps);

    [Fact]
    public async Task ListAsync_UnknownQueue_Null()
    {
        (await CreateSut().ListAsync("somewhere-else", default)).ShouldBeNull();
    }

    [Fact]
    public async Task ListAsync_Messages_BodyIdAndCount()
    {
        var message = store.Add(QueueNames.Inquiries, "{\"inquiryId\":\"PI-0000-0000-0000-0000\"}", Now);

        var listing = (await CreateSut().ListAsync(QueueNames.Inquiries, default)).ShouldNotBeNull();

        listing.PoisonQueue.ShouldBe("inquiries-poison");
        listing.ApproximateCount.ShouldBe(1);
        listing.MoreThanShown.ShouldBeFalse();
        listing.Messages.Single().Message.ShouldBe(message);
    }

    [Fact]
    public async Task ListAsync_FailedInquiry_ErrorSaysRoutingGaveUpAndWhen()
    {
        var inquiry = ConsoleBuilders.Inquiry(Now.AddHours(-2), InquiryStatus.Failed) with { FailedAt = Now.AddHours(-1) };
        inquiries.Items[inquiry.Reference] = inquiry;
        store.Add(QueueNames.Inquiries, $"{{\"inquiryId\":\"{inquiry.Reference}\"}}");

        var view = (await CreateSut().ListAsync(QueueNames.Inquiries, default))!.Messages.Single();

        view.Reference.ShouldBe(inquiry.Reference);
        view.InquiryStatus.ShouldBe(InquiryStatus.Failed);
        view.FailedAt.ShouldBe(Now.AddHours(-1));
        view.Error.ShouldContain("gave up");
        view.Error.ShouldContain("2026-11-21 08:00:00 UTC");
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"inquiryId\":\"nope\"}")]
    [InlineData("{}")]
    public async Task ListAsync_MalformedBody_SaysReplayWillNotHelp(string body)
    {
        store.Add(QueueNames.Inquiries, body);

        var view = (await CreateSut().ListAsync(QueueNames.Inquiries, default))!.Messages.Single();

        view.Error.ShouldStartWith("Malformed message");
        view.Reference.ShouldBeNull();
    }

    [Fact]
    public async Task ListAsync_UnknownInquiry_SaysSo()
    {
        store.Add(QueueNames.Inquiries, "{\"inquiryId\":\"PI-0000-0000-0000-0000\"}");

        var view = (await CreateSut().ListAsync(QueueNames.Inquiries, default))!.Messages.Single();

        view.Error.ShouldContain("No stored inquiry");
        view.InquiryStatus.ShouldBeNull();
    }

    [Theory]
    [InlineData(InquiryStatus.Received, "never routed")]
    [InlineData(InquiryStatus.Routed, "is routed now")]
    public async Task ListAsync_InquiryNotFailed_SaysWhereItStands(string status, string expected)
    {
        var inquiry = ConsoleBuilders.Inquiry(Now.AddHours(-2), status);
        inquiries.Items[inquiry.Reference] = inquiry;
        store.Add(QueueNames.Inquiries, $"{{\"inquiryId\":\"{inquiry.Reference}\"}}");

        var view = (await CreateSut().ListAsync(QueueNames.Inquiries, default))!.Messages.Single();

        view.Error.ShouldContain(expected);
        view.InquiryStatus.ShouldBe(status);
    }

    [Fact]
    public async Task ReplayAsync_Message_RequeuedAuditedThenDeleted()
    {
        var message = store.Add(QueueNames.Inquiries, "{\"inquiryId\":\"PI-0000-0000-0000-0000\"}");

        var outcome = await CreateSut().ReplayAsync(QueueNames.Inquiries, message.MessageId, "operator-1", "fixed the template", default);

        outcome.ShouldBe(PoisonActionOutcome.Done);
        store.Queues[QueueNames.Inquiries].ShouldBe([message.Body]);
        store.Poison[QueueNames.Inquiries].ShouldBeEmpty();
        store.Steps.ShouldBe(["requeued", "audited", "deleted"]);
        audit.Actions.Single().ShouldBe(new OperatorAction("poison:inquiries", Now, "operator-1", "replayed", message.MessageId, message.Body, "fixed the template"));
    }

    [Fact]
    public async Task DiscardAsync_Message_AuditedBeforeDeleted()
    {
        var message = store.Add(QueueNames.Inquiries, "garbage");

        var outcome = await CreateSut().DiscardAsync(QueueNames.Inquiries, message.MessageId, "operator-1", null, default);

        outcome.ShouldBe(PoisonActionOutcome.Done);
        store.Steps.ShouldBe(["audited", "deleted"]);
        store.Queues.ShouldBeEmpty();
        audit.Actions.Single().Action.ShouldBe("discarded");
        audit.Actions.Single().Detail.ShouldBe("garbage");
    }

    [Fact]
    public async Task DiscardAsync_AuditFails_MessageKept()
    {
        var message = store.Add(QueueNames.Inquiries, "garbage");
        audit.Fail = true;

        await Should.ThrowAsync<StorageUnavailableException>(() => CreateSut().DiscardAsync(QueueNames.Inquiries, message.MessageId, "operator-1", null, default));

        store.Poison[QueueNames.Inquiries].ShouldBe([message]);
    }

    [Fact]
    public async Task ReplayAsync_UnknownMessage_NotFound()
    {
        (await CreateSut().ReplayAsync(QueueNames.Inquiries, "nope", "operator-1", null, default)).ShouldBe(PoisonActionOutcome.NotFound);
        audit.Actions.ShouldBeEmpty();
    }

    [Fact]
    public async Task DiscardAsync_UnknownQueue_RefusedWithoutTouchingAnything()
    {
        (await CreateSut().DiscardAsync("inquiries-poison", "x", "operator-1", null, default)).ShouldBe(PoisonActionOutcome.UnknownQueue);
        store.Steps.ShouldBeEmpty();
    }

    [Fact]
    public async Task HistoryAsync_Actions_NewestFirst()
    {
        var time = new FakeTimeProvider(Now);
        var sut = CreateSut(time);
        var first = store.Add(QueueNames.Inquiries, "a");
        var second = store.Add(QueueNames.Inquiries, "b");
        await sut.DiscardAsync(QueueNames.Inquiries, first.MessageId, "op", null, default);
        time.Advance(TimeSpan.FromMinutes(1));
        await sut.DiscardAsync(QueueNames.Inquiries, second.MessageId, "op", null, default);

        (await sut.HistoryAsync(QueueNames.Inquiries, 10, default)).Select(a => a.Subject).ShouldBe([second.MessageId, first.MessageId]);
    }

    private PoisonQueues CreateSut(TimeProvider? time = null) =>
        new(store, audit, inquiries, time ?? new FakeTimeProvider(Now), NullLogger<PoisonQueues>.Instance);
}
