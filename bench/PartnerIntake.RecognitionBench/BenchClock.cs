using System.Diagnostics;

namespace PartnerIntake.RecognitionBench;

/// <summary>
/// The app's clock in the benchmark: set to a chosen instant, it then runs at the real pace (Stopwatch), so that
/// the stamps a run writes still advance. Never reads the wall clock.
/// </summary>
public sealed class BenchClock : TimeProvider
{
    private readonly Lock gate = new();
    private DateTimeOffset anchor;
    private long anchoredAt;

    public BenchClock(DateTimeOffset start) => Set(start);

    public void Set(DateTimeOffset now)
    {
        lock (gate)
        {
            anchor = now;
            anchoredAt = Stopwatch.GetTimestamp();
        }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate)
        {
            return anchor + Stopwatch.GetElapsedTime(anchoredAt);
        }
    }
}
