using System.Collections.Frozen;
using System.Globalization;

namespace PartnerIntake.Shared.Assignment;

/// <summary>
/// Business-day arithmetic for acknowledgement SLAs. Saturdays, Sundays and the configured holidays are
/// not business days; every other UTC calendar day is a 24-hour business day. All calculations are in UTC.
/// </summary>
/// <remarks>
/// The calendar never reads the clock: callers pass "now" in (from an injected <see cref="TimeProvider"/>).
/// </remarks>
public sealed class BusinessCalendar
{
    private static readonly char[] Separators = [';', ',', ' ', '\t', '\r', '\n'];

    // Past this, the result cannot fit in a DateOnly/DateTimeOffset whatever the start.
    private static readonly double MaxBusinessDays = DateOnly.MaxValue.DayNumber + 1;

    private readonly FrozenSet<DateOnly> holidays;

    /// <summary>Creates a calendar whose non-business days are Saturday, Sunday and <paramref name="holidays"/>.</summary>
    public BusinessCalendar(IEnumerable<DateOnly> holidays)
    {
        ArgumentNullException.ThrowIfNull(holidays);
        this.holidays = holidays.ToFrozenSet();
    }

    /// <summary>
    /// Parses holidays written as <c>yyyy-MM-dd</c>, separated by ';', ',' or whitespace
    /// (e.g. <c>"2026-12-25;2027-01-01"</c>). Null, empty or blank means no holidays.
    /// </summary>
    /// <exception cref="FormatException">An entry is not a valid <c>yyyy-MM-dd</c> date; the message names it.</exception>
    public static BusinessCalendar Parse(string? holidays)
    {
        if (string.IsNullOrWhiteSpace(holidays))
        {
            return new BusinessCalendar([]);
        }

        var days = new List<DateOnly>();
        foreach (var entry in holidays.Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!DateOnly.TryParseExact(entry, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                throw new FormatException($"Invalid holiday '{entry}': expected a date in yyyy-MM-dd format.");
            }

            days.Add(day);
        }

        return new BusinessCalendar(days);
    }

    /// <summary>True unless <paramref name="day"/> is a Saturday, a Sunday or a configured holiday.</summary>
    public bool IsBusinessDay(DateOnly day) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !holidays.Contains(day);

    /// <summary>
    /// The instant that is <paramref name="businessDays"/> business days after <paramref name="start"/>, counting
    /// time only on business days (UTC calendar days).
    /// Fractions count as that share of a 24-hour business day (2.5 days = 2 days + 12 hours of business time).
    /// A start on a non-business day counts from the start of the next business day.
    /// </summary>
    /// <remarks>
    /// The result always lies on a business day: when the time runs out exactly at the end of a business day the
    /// result is the start of the next business day (Friday 00:00 + 1 = Monday 00:00, not Saturday 00:00), and
    /// zero days from a non-business day is the start of the next business day. The result is in UTC (offset zero).
    /// Fractions are rounded to the nearest tick.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="businessDays"/> is negative, NaN or too large.</exception>
    public DateTimeOffset AddBusinessDays(DateTimeOffset start, double businessDays)
    {
        if (double.IsNaN(businessDays) || businessDays < 0 || businessDays > MaxBusinessDays)
        {
            throw new ArgumentOutOfRangeException(
                nameof(businessDays), businessDays, "Business days must be a finite, non-negative number.");
        }

        var remaining = (long)Math.Round(businessDays * TimeSpan.TicksPerDay, MidpointRounding.AwayFromZero);
        var utc = start.UtcDateTime;
        var day = DateOnly.FromDateTime(utc);
        var offset = utc.TimeOfDay.Ticks;

        while (true)
        {
            if (IsBusinessDay(day))
            {
                var available = TimeSpan.TicksPerDay - offset;
                if (remaining < available)
                {
                    return new DateTimeOffset(StartOfDay(day).AddTicks(offset + remaining), TimeSpan.Zero);
                }

                remaining -= available;
            }

            day = day.AddDays(1);
            offset = 0;
        }
    }

    /// <summary>
    /// Business time elapsed between two instants, in business days (inverse of <see cref="AddBusinessDays"/>):
    /// only time that falls on business days (UTC calendar days) counts. Negative when <paramref name="to"/> is
    /// before <paramref name="from"/>.
    /// </summary>
    public double BusinessDaysBetween(DateTimeOffset from, DateTimeOffset to)
    {
        if (to < from)
        {
            return -BusinessDaysBetween(to, from);
        }

        var fromUtc = from.UtcDateTime;
        var toUtc = to.UtcDateTime;
        var fromDay = DateOnly.FromDateTime(fromUtc);
        var toDay = DateOnly.FromDateTime(toUtc);

        long ticks = 0;
        var day = fromDay;
        while (true)
        {
            if (IsBusinessDay(day))
            {
                var segmentStart = day == fromDay ? fromUtc.TimeOfDay.Ticks : 0;
                var segmentEnd = day == toDay ? toUtc.TimeOfDay.Ticks : TimeSpan.TicksPerDay;
                ticks += segmentEnd - segmentStart;
            }

            if (day == toDay)
            {
                break;
            }

            day = day.AddDays(1);
        }

        return (double)ticks / TimeSpan.TicksPerDay;
    }

    private static DateTime StartOfDay(DateOnly day) => day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
}
