
namespace PartnerIntake.Shared.Hosting;

/// <summary>
/// The system clock plus an offset that tests can move forward (Testing:ClockControl=true only), so
/// SLA reminders and escalation can be exercised end to end through HTTP. Never enabled in Azure.
/// </summary>
public sealed class ShiftableTimeProvider : TimeProvider
{
    private long offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddTicks(Interlocked.Read(ref offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref offsetTicks, by.Ticks);
}
