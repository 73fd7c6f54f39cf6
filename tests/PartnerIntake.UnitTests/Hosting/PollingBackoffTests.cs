using PartnerIntake.Shared.Hosting;

namespace PartnerIntake.UnitTests.Hosting;

public class PollingBackoffTests
{
    [Fact]
    public void NextDelay_EmptyPolls_GrowsExponentiallyWithinJitter()
    {
        var backoff = new PollingBackoff(TimeSpan.FromMinutes(1), new Random(7));

        var delays = Enumerable.Range(0, 4).Select(_ => backoff.NextDelay().TotalMilliseconds).ToList();

        for (var n = 1; n <= 4; n++)
        {
            var growth = 100 * Math.Pow(2, n - 1);
            delays[n - 1].ShouldBeInRange(100 + (0.8 * growth), 100 + (1.2 * growth));
        }
    }

    [Fact]
    public void NextDelay_ManyEmptyPolls_IsCappedAtMaxPollingInterval()
    {
        var backoff = new PollingBackoff(TimeSpan.FromSeconds(2));

        for (var i = 0; i < 50; i++)
        {
            backoff.NextDelay().ShouldBeLessThanOrEqualTo(TimeSpan.FromSeconds(2));
        }

        backoff.NextDelay().ShouldBe(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void Reset_AfterAMessage_StartsAgainNear100Ms()
    {
        var backoff = new PollingBackoff(TimeSpan.FromMinutes(1));
        for (var i = 0; i < 10; i++)
        {
            backoff.NextDelay();
        }

        backoff.Reset();

        backoff.NextDelay().TotalMilliseconds.ShouldBeInRange(180, 220);
    }
}
