namespace PartnerIntake.Shared.Privacy;

/// <summary>
/// Files the inquiries stored before retention existed (those without a consent record) in the retention index, a few
/// pages per run until done: received (or closed) plus RetentionMonths; accepted ones stay kept until they are closed.
/// </summary>
public interface IRetentionBackfill
{
    /// <returns>How many inquiries were filed by this call (0 once done: then it costs one read).</returns>
    Task<int> RunAsync(int retentionMonths, CancellationToken cancellationToken);
}
