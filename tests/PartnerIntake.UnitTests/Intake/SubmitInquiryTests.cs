using Microsoft.Extensions.Logging.Abstractions;
using PartnerIntake.Shared.Intake;
using PartnerIntake.UnitTests.Support;

namespace PartnerIntake.UnitTests.Intake;

public class SubmitInquiryTests
{
    private readonly InMemoryInquiryStore store = new();
    private readonly InMemoryInquiryQueue queue = new();

    [Fact]
    public async Task Submit_Valid_StoresThenQueuesTheSameId()
    {
        var outcome = await CreateSut().SubmitAsync(Builders.Submission(), default);

        var accepted = outcome.ShouldBeOfType<SubmitOutcome.Accepted>();
        store.Items.Keys.ShouldBe([accepted.Reference]);
        store.Items[accepted.Reference].Status.ShouldBe(InquiryStatus.Received);
        queue.Messages.Single().InquiryId.ShouldBe(accepted.Reference);
    }

    [Fact]
    public async Task Submit_QueueDown_RemovesTheStoredRowAndAnswersUnavailable()
    {
        queue.Fail = true;

        var outcome = await CreateSut().SubmitAsync(Builders.Submission(), default);

        outcome.ShouldBeOfType<SubmitOutcome.Unavailable>();
        store.Items.ShouldBeEmpty();
        queue.Messages.ShouldBeEmpty();
    }

    [Fact]
    public async Task Submit_TableDown_QueuesNothing()
    {
        store.FailInsert = true;

        var outcome = await CreateSut().SubmitAsync(Builders.Submission(), default);

        outcome.ShouldBeOfType<SubmitOutcome.Unavailable>();
        queue.Messages.ShouldBeEmpty();
    }

    [Fact]
    public async Task Submit_QueueAndDeleteDown_StillAnswersUnavailable()
    {
        queue.Fail = true;
        store.FailDelete = true;

        var outcome = await CreateSut().SubmitAsync(Builders.Submission(), default);

        outcome.ShouldBeOfType<SubmitOutcome.Unavailable>();
    }

    [Fact]
    public async Task Submit_ReceivedAt_ComesFromTheTimeProvider()
    {
        var time = new FakeTimeProvider();

        var accepted = (SubmitOutcome.Accepted)await CreateSut(time).SubmitAsync(Builders.Submission(), default);

        store.Items[accepted.Reference].ReceivedAt.ShouldBe(time.GetUtcNow());
    }

    private SubmitInquiry CreateSut(TimeProvider? time = null) =>
        new(store, queue, time ?? new FakeTimeProvider(), NullLogger<SubmitInquiry>.Instance);
}
