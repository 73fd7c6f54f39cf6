using System.Globalization;
using System.Numerics;

namespace PartnerIntake.Shared.Hosting;

/// <summary>
/// A parsed NCRONTAB expression, as used by Azure Functions timer triggers:
/// <c>{second} {minute} {hour} {day} {month} {day-of-week}</c> (6 fields, the Functions default) or
/// <c>{minute} {hour} {day} {month} {day-of-week}</c> (5 fields, second = 0).
/// Each field is <c>*</c>, a number, a range <c>a-b</c>, or a comma-separated list of those, optionally
/// stepped (<c>*/n</c>, <c>a-b/n</c>, <c>a/n</c> = a to the field maximum). Months accept JAN-DEC and
/// days of the week SUN-SAT (case-insensitive); day-of-week 0 and 7 are both Sunday.
/// </summary>
/// <remarks>
/// Day-of-month and day-of-week are combined with AND: a day must match both fields (a <c>*</c> field
/// matches every day, so it drops out). This is NCrontab's behaviour, which is what Azure Functions uses:
/// the WebJobs timer extension's <c>CronSchedule</c> wraps NCrontab's <c>CrontabSchedule</c>, whose
/// <c>TryGetNextOccurrence</c> picks the next day from the day field and then accepts it only if
/// <c>_daysOfWeek.Contains(nextTime.DayOfWeek)</c>, otherwise retries from the end of that day. It differs
/// from Vixie/POSIX cron, where two restricted fields match if EITHER matches: under NCrontab
/// <c>0 0 0 13 * FRI</c> means "Friday the 13th", not "every 13th and every Friday".
/// All calculations are in UTC (the Functions default when WEBSITE_TIME_ZONE is not set), so DST never applies.
/// </remarks>
public sealed class CronSchedule
{
    private static readonly TimeSpan SearchWindow = TimeSpan.FromDays(5 * 366);

    private static readonly string[] MonthNames =
        ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    private static readonly FieldSpec Second = new("second", 0, 59, 59, null, 0);
    private static readonly FieldSpec Minute = new("minute", 0, 59, 59, null, 0);
    private static readonly FieldSpec Hour = new("hour", 0, 23, 23, null, 0);
    private static readonly FieldSpec Day = new("day", 1, 31, 31, null, 0);
    private static readonly FieldSpec Month = new("month", 1, 12, 12, MonthNames, 1);

    // 7 is accepted as an alias for Sunday, but '*' and 'a/n' run to Saturday (6).
    private static readonly FieldSpec DayOfWeek = new("day-of-week", 0, 7, 6, DayNames, 0);

    private readonly ulong seconds;
    private readonly ulong minutes;
    private readonly ulong hours;
    private readonly ulong days;
    private readonly ulong months;
    private readonly ulong daysOfWeek;

    private CronSchedule(string expression, ulong[] masks)
    {
        Expression = expression;
        seconds = masks[0];
        minutes = masks[1];
        hours = masks[2];
        days = masks[3];
        months = masks[4];
        daysOfWeek = masks[5];
    }

    public string Expression { get; }

    public static CronSchedule Parse(string expression)
    {
        if (!TryParse(expression, out var schedule, out var error))
        {
            throw new FormatException(error);
        }

        return schedule!;
    }

    public static bool TryParse(string expression, out CronSchedule? schedule, out string? error)
    {
        schedule = null;
        if (string.IsNullOrWhiteSpace(expression))
        {
            error = "The cron expression is empty: expected 6 fields '{second} {minute} {hour} {day} {month} {day-of-week}' or 5 without the second.";
            return false;
        }

        var tokens = expression.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length is not (5 or 6))
        {
            error = $"The cron expression '{expression}' has {tokens.Length} fields: expected 6 '{{second}} {{minute}} {{hour}} {{day}} {{month}} {{day-of-week}}' or 5 without the second.";
            return false;
        }

        FieldSpec[] specs = tokens.Length == 6
            ? [Second, Minute, Hour, Day, Month, DayOfWeek]
            : [Minute, Hour, Day, Month, DayOfWeek];
        var masks = new ulong[6];
        masks[0] = 1UL; // second 0 for the 5-field form
        var offset = 6 - tokens.Length;
        for (var i = 0; i < tokens.Length; i++)
        {
            var fieldError = TryParseField(specs[i], tokens[i], out var mask);
            if (fieldError is not null)
            {
                error = $"Invalid {specs[i].Name} field '{tokens[i]}' in cron expression '{expression}': {fieldError}";
                return false;
            }

            masks[i + offset] = mask;
        }

        // 7 is Sunday too.
        if ((masks[5] & (1UL << 7)) != 0)
        {
            masks[5] = (masks[5] & ~(1UL << 7)) | 1UL;
        }

        schedule = new CronSchedule(expression, masks);
        error = null;
        return true;
    }

    /// <summary>
    /// The first occurrence strictly after <paramref name="after"/>, in UTC (offset zero). Null if there is
    /// none within 5 years of <paramref name="after"/>.
    /// </summary>
    public DateTimeOffset? NextAfter(DateTimeOffset after)
    {
        var start = after.UtcDateTime;

        // Headroom so that none of the jumps below can run past DateTime.MaxValue.
        var latest = DateTime.MaxValue - SearchWindow;
        if (start >= latest)
        {
            return null;
        }

        var limit = start >= latest - SearchWindow ? latest : start.AddYears(5);

        // Drop sub-second precision, then step one second: occurrences fall on whole seconds.
        var t = new DateTime(start.Ticks - (start.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc).AddSeconds(1);

        // Each step either returns a match or jumps to the start of the next candidate month, day, hour,
        // minute or second, so the loop runs at most a few times per day in the window (a few thousand).
        while (t <= limit)
        {
            if (!Has(months, t.Month))
            {
                var nextMonth = NextSet(months, t.Month + 1);
                t = nextMonth < 0
                    ? new DateTime(t.Year + 1, FirstSet(months), 1, 0, 0, 0, DateTimeKind.Utc)
                    : new DateTime(t.Year, nextMonth, 1, 0, 0, 0, DateTimeKind.Utc);
                continue;
            }

            if (!Has(days, t.Day) || !Has(daysOfWeek, (int)t.DayOfWeek))
            {
                t = t.Date.AddDays(1);
                continue;
            }

            if (!Has(hours, t.Hour))
            {
                var next = NextSet(hours, t.Hour + 1);
                t = next < 0 ? t.Date.AddDays(1) : t.Date.AddHours(next);
                continue;
            }

            var hourStart = t.Date.AddHours(t.Hour);
            if (!Has(minutes, t.Minute))
            {
                var next = NextSet(minutes, t.Minute + 1);
                t = next < 0 ? hourStart.AddHours(1) : hourStart.AddMinutes(next);
                continue;
            }

            if (!Has(seconds, t.Second))
            {
                var next = NextSet(seconds, t.Second + 1);
                var minuteStart = hourStart.AddMinutes(t.Minute);
                t = next < 0 ? minuteStart.AddMinutes(1) : minuteStart.AddSeconds(next);
                continue;
            }

            return new DateTimeOffset(t, TimeSpan.Zero);
        }

        return null;
    }

    /// <summary>Occurrences in (<paramref name="from"/>, <paramref name="to"/>], at most <paramref name="max"/>.</summary>
    public IEnumerable<DateTimeOffset> Between(DateTimeOffset from, DateTimeOffset to, int max = 1000)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        return Enumerate(from, to, max);
    }

    public override string ToString() => Expression;

    private IEnumerable<DateTimeOffset> Enumerate(DateTimeOffset from, DateTimeOffset to, int max)
    {
        var current = from;
        for (var count = 0; count < max; count++)
        {
            var next = NextAfter(current);
            if (next is null || next.Value > to)
            {
                yield break;
            }

            yield return next.Value;
            current = next.Value;
        }
    }

    private static bool Has(ulong mask, int value) => (mask & (1UL << value)) != 0;

    private static int FirstSet(ulong mask) => BitOperations.TrailingZeroCount(mask);

    /// <summary>The smallest value &gt;= <paramref name="from"/> in the mask, or -1.</summary>
    private static int NextSet(ulong mask, int from)
    {
        if (from > 63)
        {
            return -1;
        }

        var rest = mask >> from;
        return rest == 0 ? -1 : from + BitOperations.TrailingZeroCount(rest);
    }

    /// <summary>Parses one field into a bit mask; returns an error message, or null on success.</summary>
    private static string? TryParseField(FieldSpec spec, string token, out ulong mask)
    {
        mask = 0;
        foreach (var item in token.Split(','))
        {
            if (item.Length == 0)
            {
                return "a list item is empty.";
            }

            var slash = item.IndexOf('/', StringComparison.Ordinal);
            var rangePart = slash < 0 ? item : item[..slash];
            var step = 1;
            if (slash >= 0)
            {
                var stepPart = item[(slash + 1)..];
                if (!TryParseNumber(stepPart, out step))
                {
                    return $"the step '{stepPart}' in '{item}' is not a number.";
                }

                if (step == 0)
                {
                    return $"the step in '{item}' must be at least 1.";
                }
            }

            int low;
            int high;
            if (rangePart == "*")
            {
                low = spec.Min;
                high = spec.WildcardMax;
            }
            else
            {
                var dash = rangePart.IndexOf('-', StringComparison.Ordinal);
                var lowText = dash < 0 ? rangePart : rangePart[..dash];
                var valueError = TryParseValue(spec, lowText, out low);
                if (valueError is not null)
                {
                    return valueError;
                }

                if (dash >= 0)
                {
                    valueError = TryParseValue(spec, rangePart[(dash + 1)..], out high);
                    if (valueError is not null)
                    {
                        return valueError;
                    }

                    if (low > high)
                    {
                        return $"the range '{rangePart}' starts after it ends.";
                    }
                }
                else
                {
                    high = slash >= 0 ? Math.Max(low, spec.WildcardMax) : low;
                }
            }

            for (var v = low; v <= high; v += step)
            {
                mask |= 1UL << v;
            }
        }

        return null;
    }

    private static string? TryParseValue(FieldSpec spec, string text, out int value)
    {
        if (text.Length == 0)
        {
            value = 0;
            return "a value is missing.";
        }

        if (TryParseNumber(text, out value))
        {
            return value < spec.Min || value > spec.Max
                ? $"{value} is out of range {spec.Min}-{spec.Max}."
                : null;
        }

        if (spec.Names is not null)
        {
            var index = Array.FindIndex(spec.Names, n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
            if (index >= 0)
            {
                value = index + spec.FirstNameValue;
                return null;
            }

            return $"'{text}' is not a number in {spec.Min}-{spec.Max} or one of {string.Join(',', spec.Names)}.";
        }

        return $"'{text}' is not a number in {spec.Min}-{spec.Max}.";
    }

    /// <summary>ASCII digits only (no sign, no whitespace), at most 4 of them.</summary>
    private static bool TryParseNumber(string text, out int value)
    {
        value = 0;
        if (text.Length is 0 or > 4 || !text.All(char.IsAsciiDigit))
        {
            return false;
        }

        value = int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        return true;
    }

    private sealed record FieldSpec(string Name, int Min, int Max, int WildcardMax, string[]? Names, int FirstNameValue);
}
