using System.Globalization;

namespace PartnerIntake.Web.Console;

/// <summary>
/// The console's one date format: times as yyyy-MM-dd HH:mm UTC, dates alone as yyyy-MM-dd, and a dash where there is
/// none. The staff work across time zones, so every time is shown in UTC and says so.
/// </summary>
public static class ConsoleDates
{
    public const string None = "–";

    public static string At(DateTimeOffset? at) =>
        at is { } value ? value.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC" : None;

    public static string Day(DateOnly? day) => day is { } value ? value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : None;

    public static string Day(DateTimeOffset? at) => at is { } value ? value.ToUniversalTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : None;
}
