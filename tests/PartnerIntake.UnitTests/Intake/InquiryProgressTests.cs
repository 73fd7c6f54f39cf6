using PartnerIntake.Shared.Intake;

namespace PartnerIntake.UnitTests.Intake;

public class InquiryProgressTests
{
    private static InquiryProgress WithExplanation(string? explanation) =>
        new("PI-TEST-0000-0000-0001", "routed", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null, explanation, null);

    [Theory]
    [InlineData("declined by Wikimedia Polska: Jan Kowalski says we are too busy", "declined by Wikimedia Polska")]
    [InlineData("redirected by Wikimedia Polska: ask Anna at anna@example.org", "redirected by Wikimedia Polska")]
    public void PublicExplanation_StoredBeforeReasonsWereKeptPrivate_CutsTheReason(string stored, string expected)
    {
        WithExplanation(stored).PublicExplanation.ShouldBe(expected);
    }

    [Theory]
    [InlineData("declined by Wikimedia Polska")]
    [InlineData("Wikimedia Polska did not acknowledge it within 5 business days")]
    [InlineData("Routed to Wikimedia Polska: the organisation is in Poland.")]
    [InlineData(null)]
    public void PublicExplanation_AnyOtherExplanation_Unchanged(string? stored)
    {
        WithExplanation(stored).PublicExplanation.ShouldBe(stored);
    }
}
