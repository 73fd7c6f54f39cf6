using Microsoft.Extensions.Options;
using PartnerIntake.Shared.Privacy;

namespace PartnerIntake.UnitTests.Privacy;

public sealed class RetentionScheduleTests
{
    private static readonly DateTimeOffset Received = new(2027, 1, 10, 8, 30, 0, TimeSpan.Zero);

    private readonly InMemoryRetentionIndex index = new();

    [Fact]
    public async Task InquirySubmittedAsync_NewInquiry_DueRetentionMonthsAfterReceipt()
    {
        await CreateSut().InquirySubmittedAsync("PI-1", Received, default);

        index.DueOf(RetentionKind.Inquiry, "PI-1").ShouldBe(Received.AddMonths(24));
    }

    [Fact]
    public async Task InquiryAcceptedAsync_PartnershipUnderWay_KeptWithoutDueTime()
    {
        var sut = CreateSut();
        await sut.InquirySubmittedAsync("PI-1", Received, default);

        await sut.InquiryAcceptedAsync("PI-1", Received, default);

        index.Current.ShouldContainKey((RetentionKind.Inquiry, "PI-1"));
        index.DueOf(RetentionKind.Inquiry, "PI-1").ShouldBeNull();
    }

    [Fact]
    public async Task InquiryClosedAsync_AcceptedOrNot_DueRetentionMonthsAfterClosing()
    {
        var sut = CreateSut();
        await sut.InquirySubmittedAsync("PI-1", Received, default);
        await sut.InquirySubmittedAsync("PI-2", Received, default);
        await sut.InquiryAcceptedAsync("PI-2", Received, default);
        var closed = Received.AddMonths(5);

        await sut.InquiryClosedAsync("PI-1", Received, closed, default);
        await sut.InquiryClosedAsync("PI-2", Received, closed, default);

        index.DueOf(RetentionKind.Inquiry, "PI-1").ShouldBe(closed.AddMonths(24));
        index.DueOf(RetentionKind.Inquiry, "PI-2").ShouldBe(closed.AddMonths(24));
    }

    [Fact]
    public async Task DonationNoticeAsync_LaterNotices_MoveTheDonationAndItsInquiryLaterOnly()
    {
        var sut = CreateSut();
        await sut.InquirySubmittedAsync("PI-1", Received, default);
        var lastNotice = Received.AddMonths(9);

        await sut.DonationNoticeAsync("DN-1", "PI-1", lastNotice, default);
        await sut.DonationNoticeAsync("DN-1", "PI-1", Received.AddMonths(1), default); // an earlier one, replayed
        await sut.InquiryClosedAsync("PI-1", Received, Received.AddMonths(2), default);

        index.DueOf(RetentionKind.Donation, "DN-1").ShouldBe(lastNotice.AddMonths(24));
        index.DueOf(RetentionKind.Inquiry, "PI-1").ShouldBe(lastNotice.AddMonths(24), "closing does not cut the donation's time short");
    }

    [Fact]
    public async Task DonationNoticeAsync_InquiryAccepted_InquiryStaysKept()
    {
        var sut = CreateSut();
        await sut.InquirySubmittedAsync("PI-1", Received, default);
        await sut.InquiryAcceptedAsync("PI-1", Received, default);

        await sut.DonationNoticeAsync("DN-1", "PI-1", Received.AddMonths(3), default);

        index.DueOf(RetentionKind.Inquiry, "PI-1").ShouldBeNull();
        index.DueOf(RetentionKind.Donation, "DN-1").ShouldBe(Received.AddMonths(27));
    }

    private RetentionSchedule CreateSut() => new(index, Options.Create(new PrivacyOptions { RetentionMonths = 24 }));
}
