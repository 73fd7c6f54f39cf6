using Microsoft.Extensions.Options;
using PartnerIntake.Shared.Assignment;
using PartnerIntake.UnitTests.Support;

namespace PartnerIntake.UnitTests.Assignment;

public class ActionLinksTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Verify_FreshToken_IsValidWithItsClaim()
    {
        var sut = CreateSut();

        var (check, claim) = sut.Verify(sut.Token("PI-AAAA-BBBB-CCCC-DDDD", 2, AssignmentAction.Decline));

        check.ShouldBe(LinkCheck.Valid);
        claim!.Reference.ShouldBe("PI-AAAA-BBBB-CCCC-DDDD");
        claim.Sequence.ShouldBe(2);
        claim.Action.ShouldBe(AssignmentAction.Decline);
        claim.ExpiresAt.ShouldBe(time.GetUtcNow().AddDays(30), TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Verify_AfterExpiry_IsExpired()
    {
        var sut = CreateSut();
        var token = sut.Token("PI-AAAA-BBBB-CCCC-DDDD", 1, AssignmentAction.Accept);

        time.Advance(TimeSpan.FromDays(30) + TimeSpan.FromSeconds(1));

        sut.Verify(token).Check.ShouldBe(LinkCheck.Expired);
    }

    [Fact]
    public void Verify_ChangedPayload_IsTampered()
    {
        var sut = CreateSut();
        var token = sut.Token("PI-AAAA-BBBB-CCCC-DDDD", 1, AssignmentAction.Decline);
        var other = sut.Token("PI-AAAA-BBBB-CCCC-DDDD", 1, AssignmentAction.Accept);

        // The accept payload with the decline signature.
        var forged = other[..other.IndexOf('.', StringComparison.Ordinal)] + token[token.IndexOf('.', StringComparison.Ordinal)..];

        sut.Verify(forged).Check.ShouldBe(LinkCheck.Tampered);
    }

    [Fact]
    public void Verify_SignedWithAnotherKey_IsTampered()
    {
        var other = new ActionLinks(Options.Create(new LinkOptions { SigningKey = new string('x', 40) }), time);

        CreateSut().Verify(other.Token("PI-AAAA-BBBB-CCCC-DDDD", 1, AssignmentAction.Accept)).Check.ShouldBe(LinkCheck.Tampered);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("no-dot")]
    [InlineData(".onlysignature")]
    [InlineData("!!!.???")]
    public void Verify_Garbage_IsMalformed(string? token)
    {
        CreateSut().Verify(token).Check.ShouldBe(LinkCheck.Malformed);
    }

    private ActionLinks CreateSut() => new(Options.Create(new LinkOptions { SigningKey = "unit-test-signing-key-of-sufficient-length", ExpiryDays = 30 }), time);
}
