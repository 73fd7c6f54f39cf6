namespace PartnerIntake.Shared.Privacy;

/// <summary>
/// Rows without personal data that outlive their use: expired console sessions, intake's counting windows and daily
/// acknowledgement counts of past days, refusal counts older than <see cref="PrivacyOptions.HousekeepingDays"/>.
/// </summary>
public interface IRetentionHousekeeping
{
    /// <returns>How many rows were deleted (each run deletes a bounded number; the rest follow in later runs).</returns>
    Task<int> PurgeAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
