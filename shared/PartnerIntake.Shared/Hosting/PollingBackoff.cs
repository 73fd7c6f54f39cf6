namespace PartnerIntake.Shared.Hosting;

/// <summary>
/// The Functions host's queue polling backoff: 100 ms + rand(0.8–1.2) × 2^(n−1) × 100 ms after n empty
/// polls, capped at maxPollingInterval, reset when a message is found.
/// </summary>
public sealed class PollingBackoff(TimeSpan maxPollingInterval, Random? random = null)
{
    private static readonly TimeSpan Minimum = TimeSpan.FromMilliseconds(100);
    private readonly Random random = random ?? Random.Shared;
    private int emptyPolls;

    public TimeSpan NextDelay()
    {
        emptyPolls = Math.Min(emptyPolls + 1, 30);
        var growth = Minimum.TotalMilliseconds * Math.Pow(2, emptyPolls - 1) * (0.8 + (random.NextDouble() * 0.4));
        var delay = Minimum + TimeSpan.FromMilliseconds(growth);
        return delay > maxPollingInterval ? maxPollingInterval : delay;
    }

    public void Reset() => emptyPolls = 0;
}
