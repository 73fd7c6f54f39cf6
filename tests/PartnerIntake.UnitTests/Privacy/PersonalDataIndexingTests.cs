using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Privacy;
using PartnerIntake.UnitTests.Support;

namespace PartnerIntake.UnitTests.Privacy;

public sealed class PersonalDataIndexingTests
{
    private readonly InMemoryInquiryStore store = new();
    private readonly InMemoryPersonalDataIndex index = new();

    [Fact]
    public async Task SubmitAsync_WithIdempotencyKey_IndexesTheContactWithTheInquiryAndItsKey()
    {
        var outcome = await CreateSut().SubmitAsync(Builders.Submission(), "key-1", "203.0.113.7", default);

        var accepted = outcome.ShouldBeOfType<SubmitOutcome.Accepted>();
        var entry = (await index.FindAsync("ANNA@example.org", default)).ShouldHaveSingleItem();
        entry.Kind.ShouldBe(PersonalDataEntry.Inquiry);
        entry.Id.ShouldBe(accepted.Reference);
        entry.IdempotencyKeyHash.ShouldBe(IdempotencyClaim.For("key-1", Builders.Submission()).KeyHash);
    }

    [Fact]
    public async Task SubmitAsync_ClientOverTheLimit_IndexesNothing()
    {
        var outcome = await CreateSut(full: true).SubmitAsync(Builders.Submission(), null, "203.0.113.7", default);

        outcome.ShouldBeOfType<SubmitOutcome.Limited>();
        index.Entries.ShouldBeEmpty();
    }

    private SubmitInquiry CreateSut(bool full = false) => new(
        store, new InMemoryInquiryQueue(), new InMemoryIdempotencyStore(), new InMemorySubmissionLimiter { Full = full },
        new FakeTimeProvider(new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero)), NullLogger<SubmitInquiry>.Instance,
        new RetentionSchedule(new InMemoryRetentionIndex(), Options.Create(new PrivacyOptions())), Options.Create(new PrivacyOptions()), index);
}
