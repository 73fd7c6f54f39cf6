using PartnerIntake.Shared.Console;
using PartnerIntake.UnitTests.Support;

namespace PartnerIntake.UnitTests.Console;

/// <summary>The donations shown on an inquiry's page.</summary>
public class RecognitionBrowserInquiryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);
    private const string Reference = "PI-7JYR-KH0B-H6MZ-767K";

    private readonly InMemoryRecognition recognition = new();

    [Fact]
    public async Task ForInquiryAsync_LinkedDonations_OnlyThoseNewestFirstWithCollectionAndLanguage()
    {
        await InsertAsync("DN-OLD", Now.AddDays(-3), Reference);
        await InsertAsync("DN-NEW", Now.AddDays(-1), Reference);
        await InsertAsync("DN-OTHER", Now, "PI-AAAA-BBBB-CCCC-DDDD");
        await InsertAsync("DN-NONE", Now, null);

        var items = await CreateSut().ForInquiryAsync(Reference, default);

        items.Select(i => i.Row.Id).ShouldBe(["DN-NEW", "DN-OLD"]);
        items[0].Collection!.Title.ShouldBe("19th-century paintings");
        items[0].Language.ShouldBe("pl");
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-reference")]
    public async Task ForInquiryAsync_MalformedReference_Empty(string reference)
    {
        await InsertAsync("DN-1", Now, Reference);

        (await CreateSut().ForInquiryAsync(reference, default)).ShouldBeEmpty();
    }

    private Task InsertAsync(string id, DateTimeOffset at, string? reference)
    {
        var donation = ConsoleBuilders.Donation(id, at);
        return recognition.InsertAsync(donation with { Submission = donation.Submission with { InquiryReference = reference } }, default);
    }

    private RecognitionBrowser CreateSut() => new(recognition, recognition, new FakeMailRecords(), new FakeTimeProvider(Now));
}
