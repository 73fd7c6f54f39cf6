namespace PartnerIntake.Functions.Hosting;

/// <summary>One run of a timer function, whoever started it (the Functions host, our standalone runner, the admin API).</summary>
public sealed record TimerInput(bool IsPastDue, DateTimeOffset? Last, DateTimeOffset? Next);

/// <summary>A timer-triggered function: a thin adapter from a tick to a feature.</summary>
public interface ITimerFunction
{
    string Name { get; }

    Task InvokeAsync(TimerInput input, CancellationToken cancellationToken);
}
