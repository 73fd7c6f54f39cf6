using Microsoft.Extensions.Logging.Abstractions;
using PartnerIntake.Shared.Privacy;

namespace PartnerIntake.UnitTests.Privacy;

public sealed class RetentionSweepTests
{
    private static readonly DateTimeOffset Now = new(2029, 5, 1, 3, 0, 0, TimeSpan.Zero);

    private readonly InMemoryRetentionIndex index = new();
    private readonly FlakyEraser eraser = new();

    [Fact]
    public async Task ApplyAsync_OneErasureFails_OthersErasedAndTheFailedOneRetriedNextRun()
    {
        await index.AddAsync(RetentionKind.Inquiry, "PI-A", Now.AddDays(-1), default);
        await index.AddAsync(RetentionKind.Inquiry, "PI-B", Now.AddDays(-1), default);
        await index.AddAsync(RetentionKind.Donation, "DN-C", Now.AddDays(-2), default);
        eraser.Failing.Add("PI-A");

        var first = await CreateSut().ApplyAsync(default);

        first.ShouldBe(new RetentionRun(3, 2, 0, 1, 0));
        eraser.Erased.ShouldBe(["PI-B", "DN-C"], ignoreOrder: true);
        eraser.Failing.Clear();
        var second = await CreateSut().ApplyAsync(default);
        second.ShouldBe(new RetentionRun(1, 1, 0, 0, 0));
        eraser.Erased.ShouldContain("PI-A");
        (await CreateSut().ApplyAsync(default)).Due.ShouldBe(0);
    }

    [Fact]
    public async Task ApplyAsync_KeptSubject_NeverErased()
    {
        await index.AddAsync(RetentionKind.Inquiry, "PI-A", Now.AddDays(-1), default);
        await index.SetAsync(RetentionKind.Inquiry, "PI-A", null, Now.AddDays(-1), default);

        var run = await CreateSut().ApplyAsync(default);

        run.Due.ShouldBe(0);
        eraser.Erased.ShouldBeEmpty();
    }

    private RetentionSweep CreateSut() =>
        new(index, eraser, new NoHousekeeping(), new FakeTimeProvider(Now), NullLogger<RetentionSweep>.Instance);

    private sealed class FlakyEraser : IPersonalDataEraser
    {
        public HashSet<string> Failing { get; } = [];

        public List<string> Erased { get; } = [];

        public Task<ErasureReport> ErasePersonAsync(string email, string actor, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<ErasureReport> EraseInquiryAsync(string reference, string actor, CancellationToken cancellationToken) => Erase(reference);

        public Task<ErasureReport> EraseDonationContactAsync(string donationId, string actor, CancellationToken cancellationToken) => Erase(donationId);

        private Task<ErasureReport> Erase(string id)
        {
            if (Failing.Contains(id))
            {
                throw new InvalidOperationException("storage blip");
            }

            Erased.Add(id);
            return Task.FromResult(new ErasureReport(new Dictionary<string, int> { ["inquiries"] = 1 }));
        }
    }

    private sealed class NoHousekeeping : IRetentionHousekeeping
    {
        public Task<int> PurgeAsync(DateTimeOffset now, CancellationToken cancellationToken) => Task.FromResult(0);
    }
}
