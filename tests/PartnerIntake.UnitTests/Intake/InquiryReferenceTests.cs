using PartnerIntake.Shared.Intake;

namespace PartnerIntake.UnitTests.Intake;

public class InquiryReferenceTests
{
    [Fact]
    public void New_Always_IsWellFormed()
    {
        for (var i = 0; i < 1000; i++)
        {
            InquiryReference.IsWellFormed(InquiryReference.New()).ShouldBeTrue();
        }
    }

    [Fact]
    public void New_TenThousandTimes_NeverRepeats()
    {
        var references = Enumerable.Range(0, 10_000).Select(_ => InquiryReference.New()).ToHashSet();

        references.Count.ShouldBe(10_000);
    }

    [Fact]
    public void New_Characters_AreSpreadOverTheWholeAlphabet()
    {
        // 80 random bits: every one of the 32 symbols shows up in a few thousand references.
        var symbols = Enumerable.Range(0, 2000).SelectMany(_ => InquiryReference.New()[3..].Replace("-", "", StringComparison.Ordinal)).ToHashSet();

        symbols.Count.ShouldBe(32);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("PI-1234")]
    [InlineData("PI-ABCD-EFGH-JKMN-PQRI")] // I is not in Crockford's alphabet
    [InlineData("pi-abcd-efgh-jkmn-pqrs")]
    [InlineData("PI-ABCD-EFGH-JKMN-PQRS' or '1'='1")]
    public void IsWellFormed_Malformed_IsFalse(string? candidate)
    {
        InquiryReference.IsWellFormed(candidate).ShouldBeFalse();
    }
}
