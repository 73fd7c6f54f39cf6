namespace PartnerIntake.Shared.Hosting;

/// <summary>What the host keeps per timer function: when it last ran and when it should run next.</summary>
public sealed record TimerScheduleState(DateTimeOffset? Last, DateTimeOffset? Next, string ETag);

/// <summary>
/// Timer bookkeeping in storage, as the Functions host keeps it in blobs: a lease so that one
/// instance runs a schedule at a time, and the schedule status that makes a missed run visible (IsPastDue).
/// </summary>
public interface ITimerStatusStore
{
    /// <summary>Takes or renews the lease on a function's schedule for <paramref name="holder"/>; false if another holder has it.</summary>
    Task<bool> TryAcquireAsync(string function, string holder, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken);

    Task ReleaseAsync(string function, string holder, CancellationToken cancellationToken);

    Task<TimerScheduleState?> GetAsync(string function, CancellationToken cancellationToken);

    Task SetAsync(string function, DateTimeOffset last, DateTimeOffset next, CancellationToken cancellationToken);
}
