using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PartnerIntake.Shared.Hosting;

namespace PartnerIntake.UnitTests.Hosting;

public class AdminKeyThrottleTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));

    private AdminKeyThrottle CreateSut() =>
        new(time, Options.Create(new AdminOptions { FailurePermitLimit = 3, FailureWindowSeconds = 60 }), NullLogger<AdminKeyThrottle>.Instance);

    [Fact]
    public void RetryAfter_FewerFailuresThanTheLimit_MayTry()
    {
        var sut = CreateSut();
        sut.Failed("203.0.113.1", "/admin/signin");
        sut.Failed("203.0.113.1", "/admin/signin");

        sut.RetryAfter("203.0.113.1").ShouldBeNull();
    }

    [Fact]
    public void RetryAfter_LimitReached_RefusedUntilTheWindowEnds()
    {
        var sut = CreateSut();
        for (var i = 0; i < 3; i++)
        {
            sut.Failed("203.0.113.1", "/admin/signin");
        }

        time.Advance(TimeSpan.FromSeconds(20));
        var during = sut.RetryAfter("203.0.113.1");
        var otherClient = sut.RetryAfter("203.0.113.2");
        time.Advance(TimeSpan.FromSeconds(40));
        var after = sut.RetryAfter("203.0.113.1");

        during.ShouldBe(TimeSpan.FromSeconds(40));
        otherClient.ShouldBeNull();
        after.ShouldBeNull();
    }

    [Fact]
    public void Failed_AfterTheWindowEnded_CountsAfresh()
    {
        var sut = CreateSut();
        sut.Failed("203.0.113.1", "/admin/signin");
        sut.Failed("203.0.113.1", "/admin/signin");
        time.Advance(TimeSpan.FromSeconds(61));

        sut.Failed("203.0.113.1", "/admin/signin");
        sut.Failed("203.0.113.1", "/admin/signin");

        sut.RetryAfter("203.0.113.1").ShouldBeNull();
    }
}
