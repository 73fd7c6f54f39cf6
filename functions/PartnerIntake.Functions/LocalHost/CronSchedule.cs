using NCrontab;

namespace PartnerIntake.Functions.LocalHost;

/// <summary>
/// A timer trigger's NCRONTAB schedule, read as the Functions host reads it: the timer extension's own
/// <c>CronSchedule</c> wraps NCrontab (NCrontab.Signed), with seconds unless the expression has exactly 5 fields.
/// Day-of-week runs 0-6 (7 is refused, as in Azure).
/// So day-of-month and day-of-week must both match (<c>0 0 0 13 * FRI</c> is Friday the 13th), unlike Vixie cron.
/// Always UTC: the local host does not read WEBSITE_TIME_ZONE.
/// </summary>
public sealed class CronSchedule
{
    // NCrontab searches to an end instant; further than this, a schedule (such as 30 February) never fires.
    private static readonly TimeSpan SearchWindow = TimeSpan.FromDays(5 * 366);

    private readonly CrontabSchedule schedule;

    private CronSchedule(string expression, CrontabSchedule schedule)
    {
        Expression = expression;
        this.schedule = schedule;
    }

    public string Expression { get; }

    /// <exception cref="FormatException">Not an NCRONTAB expression of 5 or 6 fields.</exception>
    public static CronSchedule Parse(string expression) =>
        TryParse(expression, out var schedule, out var error) ? schedule! : throw new FormatException(error);

    public static bool TryParse(string expression, out CronSchedule? schedule, out string? error)
    {
        schedule = null;
        var fields = expression.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        if (fields is not (5 or 6))
        {
            error = $"The schedule '{expression}' has {fields} fields: expected 6, '{{second}} {{minute}} {{hour}} {{day}} {{month}} {{day-of-week}}', or 5 without the second.";
            return false;
        }

        try
        {
            // The host's rule, kept exactly so that what runs here runs in Azure: seconds unless split on ' ' gives 5.
            var parsed = CrontabSchedule.Parse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = expression.Split(' ').Length != 5 });
            schedule = new CronSchedule(expression, parsed);
            error = null;
            return true;
        }
        catch (CrontabException ex)
        {
            error = $"The schedule '{expression}' is not valid NCRONTAB: {ex.Message}";
            return false;
        }
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>, in UTC; null if none within 5 years.</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset after)
    {
        var start = after.UtcDateTime;
        if (start >= DateTime.MaxValue - SearchWindow)
        {
            return null;
        }

        var end = start + SearchWindow;
        var next = schedule.GetNextOccurrence(start, end);
        return next >= end ? null : new DateTimeOffset(DateTime.SpecifyKind(next, DateTimeKind.Utc), TimeSpan.Zero);
    }

    public override string ToString() => Expression;
}
