using Microsoft.Extensions.Logging.Abstractions;
using PartnerIntake.Shared.Console;
using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.IntegrationTests.Console;

/// <summary>Poison queue listing, replay and discard on Azurite, with messages poisoned the way the standalone listener does it.</summary>
[Collection(ConsoleStorageCollection.Name)]
public class PoisonQueuesStorageTests(ConsoleStorageFixture fixture)
{
    private static readonly DateTimeOffset Now = TimeProvider.System.GetUtcNow();

    [Fact]
    public async Task ListAsync_PoisonedByTheListener_ShowsBodyIdInsertionTimeAndDiagnosis()
    {
        var inquiries = new TableInquiryStore(fixture.Account);
        var reference = await ConsoleData.InsertInquiryAsync(inquiries, Now.AddMinutes(-5));
        await inquiries.MarkFailedAsync(reference, Now.AddMinutes(-1), default);
        var body = Body(reference);
        await PoisonAsync(body);

        var listing = (await CreateSut().ListAsync(QueueNames.Inquiries, default)).ShouldNotBeNull();

        var view = listing.Messages.Single(m => m.Message.Body == body);
        view.Message.MessageId.ShouldNotBeNullOrEmpty();
        view.Message.InsertedAt.ShouldNotBeNull().ShouldBe(Now, TimeSpan.FromMinutes(2));
        view.Message.DequeueCount.ShouldBe(0);
        view.Reference.ShouldBe(reference);
        view.InquiryStatus.ShouldBe(InquiryStatus.Failed);
        view.Error.ShouldContain("gave up");
        listing.ApproximateCount.ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task ReplayAsync_Message_BackOnTheOriginalQueueGoneFromPoisonOthersStillVisible()
    {
        var bodies = new[] { Body(InquiryReference.New()), Body(InquiryReference.New()), Body(InquiryReference.New()) };
        foreach (var b in bodies)
        {
            await PoisonAsync(b);
        }

        var sut = CreateSut();
        var target = (await sut.ListAsync(QueueNames.Inquiries, default))!.Messages.Single(m => m.Message.Body == bodies[1]).Message;

        var outcome = await sut.ReplayAsync(QueueNames.Inquiries, target.MessageId, "operator-1", "retry after fix", default);

        outcome.ShouldBe(PoisonActionOutcome.Done);
        (await fixture.Storage.PeekAsync(QueueNames.Inquiries)).ShouldContain(bodies[1]);
        var poison = await fixture.Storage.PeekAsync(QueueNames.Poison(QueueNames.Inquiries));
        poison.ShouldNotContain(bodies[1]);
        poison.ShouldContain(bodies[0]); // passed over on the way and released at once, not left leased
        poison.ShouldContain(bodies[2]);
        var history = await sut.HistoryAsync(QueueNames.Inquiries, 50, default);
        history.ShouldContain(a => a.Subject == target.MessageId && a.Action == "replayed" && a.Detail == bodies[1] && a.Actor == "operator-1");

        (await sut.ReplayAsync(QueueNames.Inquiries, target.MessageId, "operator-1", null, default)).ShouldBe(PoisonActionOutcome.NotFound);
    }

    [Fact]
    public async Task DiscardAsync_Message_DeletedWithAnAuditRecord()
    {
        var body = "not an inquiry message " + Guid.NewGuid();
        await PoisonAsync(body);
        var sut = CreateSut();
        var view = (await sut.ListAsync(QueueNames.Inquiries, default))!.Messages.Single(m => m.Message.Body == body);
        view.Error.ShouldStartWith("Malformed message");

        (await sut.DiscardAsync(QueueNames.Inquiries, view.Message.MessageId, "operator-2", "junk", default)).ShouldBe(PoisonActionOutcome.Done);

        (await fixture.Storage.PeekAsync(QueueNames.Poison(QueueNames.Inquiries))).ShouldNotContain(body);
        (await fixture.Storage.PeekAsync(QueueNames.Inquiries)).ShouldNotContain(body);
        var record = (await sut.HistoryAsync(QueueNames.Inquiries, 50, default)).First(a => a.Subject == view.Message.MessageId);
        record.Action.ShouldBe("discarded");
        record.Detail.ShouldBe(body);
        record.Reason.ShouldBe("junk");
    }

    [Fact]
    public async Task DiscardAsync_AuditFails_MessageStaysVisibleInPoison()
    {
        var body = "keep me " + Guid.NewGuid();
        await PoisonAsync(body);
        var listed = (await CreateSut().ListAsync(QueueNames.Inquiries, default))!.Messages.Single(m => m.Message.Body == body);
        var sut = new PoisonQueues(new StoragePoisonQueues(fixture.Account), new FailingAudit(), new TableInquiryStore(fixture.Account),
            TimeProvider.System, NullLogger<PoisonQueues>.Instance);

        await Should.ThrowAsync<InvalidOperationException>(() => sut.DiscardAsync(QueueNames.Inquiries, listed.Message.MessageId, "op", null, default));

        (await fixture.Storage.PeekAsync(QueueNames.Poison(QueueNames.Inquiries))).ShouldContain(body);
    }

    private PoisonQueues CreateSut() => new(new StoragePoisonQueues(fixture.Account), new TableOperatorAudit(fixture.Account),
        new TableInquiryStore(fixture.Account), TimeProvider.System, NullLogger<PoisonQueues>.Instance);

    private static string Body(string reference) => $"{{\"inquiryId\":\"{reference}\"}}";

    /// <summary>Puts the message on the queue, then moves it to poison exactly as the standalone QueueListener does.</summary>
    private async Task PoisonAsync(string body)
    {
        var receiver = new QueueReceiver(fixture.Account, QueueNames.Inquiries);
        await fixture.Storage.EnqueueAsync(QueueNames.Inquiries, body);
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var received = await receiver.ReceiveAsync(32, TimeSpan.FromSeconds(30), default);
            foreach (var message in received)
            {
                if (message.Text == body)
                {
                    await receiver.MoveToPoisonAsync(message, default);
                }
                else
                {
                    await receiver.AbandonAsync(message, TimeSpan.Zero, default);
                }
            }

            if (received.Any(m => m.Text == body))
            {
                return;
            }
        }

        throw new InvalidOperationException("The message never arrived.");
    }

    private sealed class FailingAudit : IOperatorAudit
    {
        public Task AppendAsync(OperatorAction action, CancellationToken cancellationToken) => throw new InvalidOperationException("audit down");

        public Task<IReadOnlyList<OperatorAction>> ListAsync(string scope, int max, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<OperatorAction>>([]);
    }
}
