namespace PartnerIntake.Shared.Recognition;

/// <summary>
/// Usage of a donation's Commons category in a period. Two sources: figures imported as CSV, and the
/// Commons Impact Metrics API. Null when nothing is known: a report never invents numbers.
/// </summary>
public interface IImpactMetrics
{
    Task<ImpactFigures?> GetAsync(string commonsCategory, DateOnly periodStart, DateOnly periodEnd, CancellationToken cancellationToken);
}
