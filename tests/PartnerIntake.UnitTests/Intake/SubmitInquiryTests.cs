using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Privacy;
using PartnerIntake.UnitTests.Privacy;
using PartnerIntake.UnitTests.Support;

namespace PartnerIntake.UnitTests.Intake;

public class SubmitInquiryTests
{
    private readonly InMemoryInquiryStore store = new();
    private readonly InMemoryInquiryQueue queue = new();
    private const string Client = "203.0.113.7";
    private readonly InMemoryIdempotencyStore idempotency = new();
    private readonly InMemorySubmissionLimiter limiter = new();
    private readonly InMemoryRetentionIndex retention = new();

    [Fact]
    public async Task Submit_Valid_StoresThenQueuesTheSameId()
    {
        var outcome = await CreateSut().SubmitAsync(Builders.Submission(), null, Client, default);

        var accepted = outcome.ShouldBeOfType<SubmitOutcome.Accepted>();
        store.Items.Keys.ShouldBe([accepted.Reference]);
        store.Items[accepted.Reference].Status.ShouldBe(InquiryStatus.Received);
        queue.Messages.Single().InquiryId.ShouldBe(accepted.Reference);
    }

    [Fact]
    public async Task Submit_Valid_RecordsTheConsentVersionAndTimeAndWhenItFallsDue()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero));

        var accepted = (SubmitOutcome.Accepted)await CreateSut(time).SubmitAsync(Builders.Submission(), null, Client, default);

        store.Items[accepted.Reference].Consent.ShouldBe(new ConsentRecord("v-test", time.GetUtcNow()));
        retention.DueOf(RetentionKind.Inquiry, accepted.Reference).ShouldBe(time.GetUtcNow().AddMonths(24));
    }

    [Fact]
    public async Task Submit_QueueDown_RemovesTheStoredRowAndAnswersUnavailable()
    {
        queue.Fail = true;

        var outcome = await CreateSut().SubmitAsync(Builders.Submission(), null, Client, default);

        outcome.ShouldBeOfType<SubmitOutcome.Unavailable>();
        store.Items.ShouldBeEmpty();
        queue.Messages.ShouldBeEmpty();
    }

    [Fact]
    public async Task Submit_TableDown_QueuesNothing()
    {
        store.FailInsert = true;

        var outcome = await CreateSut().SubmitAsync(Builders.Submission(), null, Client, default);

        outcome.ShouldBeOfType<SubmitOutcome.Unavailable>();
        queue.Messages.ShouldBeEmpty();
    }

    [Fact]
    public async Task Submit_QueueAndDeleteDown_StillAnswersUnavailable()
    {
        queue.Fail = true;
        store.FailDelete = true;

        var outcome = await CreateSut().SubmitAsync(Builders.Submission(), null, Client, default);

        outcome.ShouldBeOfType<SubmitOutcome.Unavailable>();
    }

    [Fact]
    public async Task Submit_ReceivedAt_ComesFromTheTimeProvider()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero));

        var accepted = (SubmitOutcome.Accepted)await CreateSut(time).SubmitAsync(Builders.Submission(), null, Client, default);

        store.Items[accepted.Reference].ReceivedAt.ShouldBe(time.GetUtcNow());
    }

    [Fact]
    public async Task Submit_SameKeySameInquiry_SameReferenceAndOneStoredInquiry()
    {
        var sut = CreateSut();

        var first = (SubmitOutcome.Accepted)await sut.SubmitAsync(Builders.Submission(), "key-1", Client, default);
        var second = (SubmitOutcome.Accepted)await sut.SubmitAsync(Builders.Submission(), "key-1", Client, default);

        second.Reference.ShouldBe(first.Reference);
        store.Items.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Submit_SameKeyDifferentInquiry_IsRefused()
    {
        var sut = CreateSut();
        await sut.SubmitAsync(Builders.Submission(), "key-1", Client, default);

        var outcome = await sut.SubmitAsync(Builders.Submission(country: "DE"), "key-1", Client, default);

        outcome.ShouldBeOfType<SubmitOutcome.KeyReused>();
        store.Items.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Submit_RetryAfterQueueFailure_CompletesWithTheSameReference()
    {
        var sut = CreateSut();
        queue.Fail = true;
        (await sut.SubmitAsync(Builders.Submission(), "key-1", Client, default)).ShouldBeOfType<SubmitOutcome.Unavailable>();
        queue.Fail = false;

        var retry = (SubmitOutcome.Accepted)await sut.SubmitAsync(Builders.Submission(), "key-1", Client, default);

        store.Items.Keys.ShouldBe([retry.Reference]);
        queue.Messages.Single().InquiryId.ShouldBe(retry.Reference);
    }

    [Fact]
    public async Task Submit_ClientOverTheLimit_StoresAndQueuesNothing()
    {
        limiter.Full = true;

        var outcome = await CreateSut().SubmitAsync(Builders.Submission(), null, Client, default);

        outcome.ShouldBeOfType<SubmitOutcome.Limited>();
        store.Items.ShouldBeEmpty();
        queue.Messages.ShouldBeEmpty();
        limiter.Clients.ShouldBe([Client]);
    }

    private SubmitInquiry CreateSut(TimeProvider? time = null) =>
        new(store, queue, idempotency, limiter, time ?? new FakeTimeProvider(new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero)), NullLogger<SubmitInquiry>.Instance,
            new RetentionSchedule(retention, Options.Create(new PrivacyOptions { ConsentVersion = "v-test" })), Options.Create(new PrivacyOptions { ConsentVersion = "v-test" }));
}
