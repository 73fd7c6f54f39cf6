using Microsoft.Extensions.Options;
using PartnerIntake.Shared.Recognition;
using PartnerIntake.UnitTests.Support;

namespace PartnerIntake.UnitTests.Recognition;

public class RecognitionScheduleTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Initial_NewDonation_ThankYouSoonAttributionAfterAWeekImpactAfterTheFirstQuarter()
    {
        var donation = Donation(donatedOn: new DateOnly(2026, 11, 1));

        var notices = CreateSut().Initial(donation);

        notices.Select(n => (n.Kind, n.Sequence)).ShouldBe([("thank-you", 1), ("attribution", 1), ("impact", 1)]);
        notices[0].DueAt.ShouldBe(time.GetUtcNow().AddMinutes(10));
        notices[1].DueAt.ShouldBe(time.GetUtcNow().AddMinutes(10).AddDays(7));
        notices[2].PeriodStart.ShouldBe(new DateOnly(2026, 11, 1));
        notices[2].PeriodEnd.ShouldBe(new DateOnly(2027, 2, 1));
        notices[2].DueAt.ShouldBe(new DateTimeOffset(2027, 2, 4, 9, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void NextImpact_AfterAReport_CoversTheFollowingPeriod()
    {
        var sut = CreateSut();
        var first = sut.Initial(Donation(new DateOnly(2026, 11, 1)))[2];

        var second = sut.NextImpact(first);

        second.Sequence.ShouldBe(2);
        second.PeriodStart.ShouldBe(first.PeriodEnd);
        second.PeriodEnd.ShouldBe(new DateOnly(2027, 5, 1));
        second.OutboxId.ShouldBe($"{first.DonationId}.impact.2");
    }

    [Fact]
    public void Initial_MonthlyCadence_IsConfiguration()
    {
        var notices = CreateSut(new RecognitionOptions { ImpactCadenceMonths = 1, ImpactReportLagDays = 0 }).Initial(Donation(new DateOnly(2026, 11, 1)));

        notices[2].PeriodEnd.ShouldBe(new DateOnly(2026, 12, 1));
        notices[2].DueAt.ShouldBe(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void Initial_SameDonation_SameSchedule()
    {
        var donation = Donation(new DateOnly(2026, 11, 1));

        CreateSut().Initial(donation).ShouldBe(CreateSut().Initial(donation));
    }

    private RecognitionSchedule CreateSut(RecognitionOptions? options = null) => new(Options.Create(options ?? new RecognitionOptions()));

    private Donation Donation(DateOnly donatedOn) => new("DN-TEST-0000-0000-0001", new DonationSubmission(
        new InstitutionInfo("Muzeum Narodowe w Warszawie", "PL", "https://mnw.art.pl"),
        new DonorContact("Anna Nowak", "anna@example.org", "pl"),
        new CollectionInfo("19th-century paintings", "Category:Paintings in the National Museum in Warsaw", 5000, "CC BY-SA 4.0"),
        donatedOn, "Muzeum Narodowe w Warszawie, CC BY-SA 4.0", "wikimedia-polska", null), time.GetUtcNow());
}
