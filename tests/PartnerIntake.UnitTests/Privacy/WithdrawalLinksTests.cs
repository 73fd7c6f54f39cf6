using Microsoft.Extensions.Options;
using PartnerIntake.Shared.Assignment;
using PartnerIntake.Shared.Privacy;

namespace PartnerIntake.UnitTests.Privacy;

public class WithdrawalLinksTests
{
    private static readonly DateTimeOffset ReceivedAt = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);
    private const string Reference = "PI-2026-ABCD2345";

    private readonly FakeTimeProvider time = new(ReceivedAt);

    [Fact]
    public void Verify_FreshToken_ValidForItsReference()
    {
        var links = CreateSut();

        WithdrawalLinks.Verify(links, WithdrawalLinks.Token(links, Reference, ReceivedAt)).ShouldBe((LinkCheck.Valid, Reference));
    }

    [Fact]
    public void Token_SameInquiry_SameLinkWhenRenderedAgainLater()
    {
        var links = CreateSut();
        var first = WithdrawalLinks.Token(links, Reference, ReceivedAt);
        time.Advance(TimeSpan.FromDays(3));

        WithdrawalLinks.Token(links, Reference, ReceivedAt).ShouldBe(first);
    }

    [Fact]
    public void Verify_PayloadChangedToAnotherReference_Tampered()
    {
        var links = CreateSut();
        var token = WithdrawalLinks.Token(links, Reference, ReceivedAt);
        var other = WithdrawalLinks.Token(links, "PI-2026-WXYZ2345", ReceivedAt);
        var forged = other[..other.IndexOf('.', StringComparison.Ordinal)] + token[token.IndexOf('.', StringComparison.Ordinal)..];

        WithdrawalLinks.Verify(links, forged).ShouldBe((LinkCheck.Tampered, null));
    }

    [Fact]
    public void Verify_SignedWithAnotherKey_Tampered()
    {
        var token = WithdrawalLinks.Token(CreateSut(new string('x', 32)), Reference, ReceivedAt);

        WithdrawalLinks.Verify(CreateSut(), token).ShouldBe((LinkCheck.Tampered, null));
    }

    [Fact]
    public void Verify_AfterTheLifetime_Expired()
    {
        var links = CreateSut();
        var token = WithdrawalLinks.Token(links, Reference, ReceivedAt);

        time.Advance(WithdrawalLinks.Lifetime - TimeSpan.FromMinutes(1));
        WithdrawalLinks.Verify(links, token).Check.ShouldBe(LinkCheck.Valid);
        time.Advance(TimeSpan.FromMinutes(1));
        WithdrawalLinks.Verify(links, token).ShouldBe((LinkCheck.Expired, null));
    }

    [Theory]
    [InlineData(AssignmentAction.Accept, 1)]
    [InlineData(WithdrawalLinks.Action, 1)]
    [InlineData("unsubscribe", 0)]
    public void Verify_ValidTokenForAnotherPurpose_NotAccepted(string action, int sequence)
    {
        var links = CreateSut();

        var (check, reference) = WithdrawalLinks.Verify(links, links.Token(Reference, sequence, action));

        check.ShouldNotBe(LinkCheck.Valid);
        reference.ShouldBeNull();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("no-dot")]
    [InlineData("%%%.###")]
    public void Verify_Garbage_Malformed(string? token) =>
        WithdrawalLinks.Verify(CreateSut(), token).ShouldBe((LinkCheck.Malformed, null));

    [Fact]
    public void Url_WithLanguage_UnderWithdrawWithCulture() =>
        WithdrawalLinks.Url("https://partners.example.org/", "abc.def", "pl").ShouldBe("https://partners.example.org/withdraw/abc.def?culture=pl");

    private ActionLinks CreateSut(string key = "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk") =>
        new(Options.Create(new LinkOptions { SigningKey = key }), time);
}
