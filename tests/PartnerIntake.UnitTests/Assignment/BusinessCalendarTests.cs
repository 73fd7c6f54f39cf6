using PartnerIntake.Shared.Assignment;
using PartnerIntake.UnitTests.Support;

namespace PartnerIntake.UnitTests.Assignment;

public class BusinessCalendarTests
{
    private static readonly BusinessCalendar WeekendsOnly = new([]);

    // 2026-11-23 is a Monday; 2026-11-27 a Friday; 2026-12-25 and 2027-01-01 are Fridays.
    private static DateTimeOffset Utc(int year, int month, int day, int hour = 0, int minute = 0) =>
        new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void AddBusinessDays_MondayPlusFive_ReturnsNextMondaySameTime()
    {
        WeekendsOnly.AddBusinessDays(Utc(2026, 11, 23, 10), 5).ShouldBe(Utc(2026, 11, 30, 10));
    }

    [Fact]
    public void AddBusinessDays_FridayPlusOne_ReturnsMondaySameTime()
    {
        WeekendsOnly.AddBusinessDays(Utc(2026, 11, 27, 15), 1).ShouldBe(Utc(2026, 11, 30, 15));
    }

    [Fact]
    public void AddBusinessDays_FridayPlusHalf_SplitsAcrossWeekend()
    {
        // 9 h left on Friday, the other 3 h on Monday.
        WeekendsOnly.AddBusinessDays(Utc(2026, 11, 27, 15), 0.5).ShouldBe(Utc(2026, 11, 30, 3));
    }

    [Fact]
    public void AddBusinessDays_SaturdayStart_CountsFromStartOfMonday()
    {
        // Also crosses a month end: Monday 2026-11-30 -> Tuesday 2026-12-01.
        WeekendsOnly.AddBusinessDays(Utc(2026, 11, 28, 10), 1).ShouldBe(Utc(2026, 12, 1));
    }

    [Fact]
    public void AddBusinessDays_OverHoliday_SkipsHoliday()
    {
        var calendar = BusinessCalendar.Parse("2026-12-25");

        calendar.AddBusinessDays(Utc(2026, 12, 24, 12), 1).ShouldBe(Utc(2026, 12, 28, 12));
    }

    [Fact]
    public void AddBusinessDays_AcrossYearEndWithHoliday_SkipsHolidayAndWeekend()
    {
        var calendar = BusinessCalendar.Parse("2026-12-25;2027-01-01");

        // Wed 30 Dec -> Thu 31 Dec (+1), Fri 1 Jan holiday, weekend, Mon 4 Jan (+2), Tue 5 Jan (+3).
        calendar.AddBusinessDays(Utc(2026, 12, 30, 9), 3).ShouldBe(Utc(2027, 1, 5, 9));
    }

    [Fact]
    public void AddBusinessDays_HalfOfFiveDaySla_ReturnsWednesday2200()
    {
        WeekendsOnly.AddBusinessDays(Utc(2026, 11, 23, 10), 5 / 2.0).ShouldBe(Utc(2026, 11, 25, 22));
    }

    [Fact]
    public void AddBusinessDays_SixtyDaySla_ReturnsTwelveWeeksLater()
    {
        WeekendsOnly.AddBusinessDays(Utc(2026, 1, 5, 8, 30), 60).ShouldBe(Utc(2026, 3, 30, 8, 30));
    }

    [Fact]
    public void AddBusinessDays_NonUtcOffset_CalculatesInUtcAndReturnsUtc()
    {
        // Friday 23:00 at -05:00 is Saturday 04:00 UTC: a non-business day, so counting starts Monday 00:00 UTC.
        var start = new DateTimeOffset(2026, 11, 27, 23, 0, 0, TimeSpan.FromHours(-5));

        var due = WeekendsOnly.AddBusinessDays(start, 1);

        due.ShouldBe(Utc(2026, 12, 1));
        due.Offset.ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void AddBusinessDays_ZeroOnBusinessDay_ReturnsStart()
    {
        WeekendsOnly.AddBusinessDays(Utc(2026, 11, 25, 13, 45), 0).ShouldBe(Utc(2026, 11, 25, 13, 45));
    }

    [Fact]
    public void AddBusinessDays_ZeroOnWeekend_ReturnsStartOfNextBusinessDay()
    {
        WeekendsOnly.AddBusinessDays(Utc(2026, 11, 29, 13, 45), 0).ShouldBe(Utc(2026, 11, 30));
    }

    [Fact]
    public void AddBusinessDays_EndsExactlyAtEndOfBusinessDay_ReturnsStartOfNextBusinessDay()
    {
        // Results always lie on a business day: Friday 00:00 + 1 is Monday 00:00, not Saturday 00:00.
        WeekendsOnly.AddBusinessDays(Utc(2026, 11, 27), 1).ShouldBe(Utc(2026, 11, 30));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(-0.001)]
    [InlineData(double.NaN)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(double.PositiveInfinity)]
    public void AddBusinessDays_InvalidDays_ThrowsArgumentOutOfRange(double businessDays)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => WeekendsOnly.AddBusinessDays(Utc(2026, 11, 23, 10), businessDays));
    }

    [Theory]
    [InlineData("2026-11-23", true)]
    [InlineData("2026-11-27", true)]
    [InlineData("2026-11-28", false)]
    [InlineData("2026-11-29", false)]
    [InlineData("2026-12-25", false)]
    public void IsBusinessDay_Day_ReturnsWhetherWeekdayAndNotHoliday(string day, bool expected)
    {
        var calendar = BusinessCalendar.Parse("2026-12-25");

        calendar.IsBusinessDay(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(expected);
    }

    [Theory]
    [InlineData("2026-11-23T10:00:00Z", 5)]
    [InlineData("2026-11-27T15:00:00Z", 0.5)]
    [InlineData("2026-11-28T10:00:00Z", 1)]
    [InlineData("2026-12-24T12:00:00Z", 1)]
    [InlineData("2026-12-30T09:00:00Z", 3)]
    [InlineData("2026-11-23T10:00:00Z", 2.5)]
    [InlineData("2026-12-23T06:30:00+02:00", 7.25)]
    [InlineData("2026-01-05T08:30:00Z", 60)]
    public void BusinessDaysBetween_StartAndAddBusinessDaysResult_ReturnsTheAddedDays(string start, double businessDays)
    {
        var calendar = BusinessCalendar.Parse("2026-12-25 2027-01-01");
        var from = DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture);

        var to = calendar.AddBusinessDays(from, businessDays);

        calendar.BusinessDaysBetween(from, to).ShouldBe(businessDays, 1e-9);
    }

    [Theory]
    [InlineData("2026-11-23T10:00:00Z", "2026-11-25T22:00:00Z", 2.5)]
    [InlineData("2026-11-27T15:00:00Z", "2026-11-30T03:00:00Z", 0.5)]
    [InlineData("2026-12-24T12:00:00Z", "2026-12-28T12:00:00Z", 1)]
    [InlineData("2026-12-31T18:00:00Z", "2027-01-04T06:00:00Z", 0.5)]
    public void BusinessDaysBetween_InstantsOnBusinessDays_CountsOnlyBusinessTimeAndInvertsAdd(string from, string to, double expected)
    {
        var calendar = BusinessCalendar.Parse("2026-12-25,2027-01-01");
        var fromInstant = DateTimeOffset.Parse(from, System.Globalization.CultureInfo.InvariantCulture);
        var toInstant = DateTimeOffset.Parse(to, System.Globalization.CultureInfo.InvariantCulture);

        calendar.BusinessDaysBetween(fromInstant, toInstant).ShouldBe(expected, 1e-9);
        calendar.AddBusinessDays(fromInstant, expected).ShouldBe(toInstant);
    }

    [Fact]
    public void BusinessDaysBetween_WithinWeekend_ReturnsZero()
    {
        WeekendsOnly.BusinessDaysBetween(Utc(2026, 11, 28), Utc(2026, 11, 29, 23, 59)).ShouldBe(0);
    }

    [Fact]
    public void BusinessDaysBetween_ToBeforeFrom_ReturnsNegative()
    {
        WeekendsOnly.BusinessDaysBetween(Utc(2026, 11, 30, 3), Utc(2026, 11, 27, 15)).ShouldBe(-0.5, 1e-9);
    }

    [Fact]
    public void BusinessDaysBetween_SameInstant_ReturnsZero()
    {
        WeekendsOnly.BusinessDaysBetween(Utc(2026, 11, 23, 10), Utc(2026, 11, 23, 10)).ShouldBe(0);
    }

    [Theory]
    [InlineData("2026-12-25;2027-01-01")]
    [InlineData("2026-12-25,2027-01-01")]
    [InlineData("2026-12-25 2027-01-01")]
    [InlineData(" 2026-12-25 ;\n2027-01-01; ")]
    [InlineData("2026-12-25;;2027-01-01;2026-12-25")]
    public void Parse_SeparatedDates_ReadsEveryHoliday(string holidays)
    {
        var calendar = BusinessCalendar.Parse(holidays);

        calendar.IsBusinessDay(new DateOnly(2026, 12, 25)).ShouldBeFalse();
        calendar.IsBusinessDay(new DateOnly(2027, 1, 1)).ShouldBeFalse();
        calendar.IsBusinessDay(new DateOnly(2026, 12, 24)).ShouldBeTrue();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Parse_NullOrBlank_HasNoHolidays(string? holidays)
    {
        var calendar = BusinessCalendar.Parse(holidays);

        calendar.IsBusinessDay(new DateOnly(2026, 12, 25)).ShouldBeTrue();
        calendar.IsBusinessDay(new DateOnly(2026, 12, 26)).ShouldBeFalse();
    }

    [Theory]
    [InlineData("2026-12-25;2026-13-01", "2026-13-01")]
    [InlineData("25/12/2026", "25/12/2026")]
    [InlineData("2026-12-25;christmas", "christmas")]
    [InlineData("2026-12-25T00:00", "2026-12-25T00:00")]
    [InlineData("2026-2-3", "2026-2-3")]
    public void Parse_InvalidEntry_ThrowsFormatExceptionNamingEntry(string holidays, string badEntry)
    {
        var exception = Should.Throw<FormatException>(() => BusinessCalendar.Parse(holidays));

        exception.Message.ShouldContain($"'{badEntry}'");
    }

    [Fact]
    public void Constructor_NullHolidays_ThrowsArgumentNull()
    {
        Should.Throw<ArgumentNullException>(() => new BusinessCalendar(null!));
    }

    [Fact]
    public void AddBusinessDays_AssignmentCreatedNow_ReminderAtHalfSlaAndEscalationAtSla()
    {
        // Thanksgiving (Thursday 2026-11-26) configured as a holiday.
        var calendar = BusinessCalendar.Parse("2026-11-26");
        var clock = new FakeTimeProvider(Utc(2026, 11, 23, 10));
        const int ackSlaDays = 5;

        var createdAt = clock.GetUtcNow();
        var reminderDue = calendar.AddBusinessDays(createdAt, ackSlaDays / 2.0);
        var escalationDue = calendar.AddBusinessDays(createdAt, ackSlaDays);

        // Mon 14 h + Tue 24 h + Wed 22 h = 2.5 days; escalation also skips Thu (holiday) and the weekend.
        reminderDue.ShouldBe(Utc(2026, 11, 25, 22));
        escalationDue.ShouldBe(Utc(2026, 12, 1, 10));

        clock.Advance(TimeSpan.FromDays(2));
        clock.GetUtcNow().ShouldBeLessThan(reminderDue);

        clock.Advance(TimeSpan.FromHours(12));
        var now = clock.GetUtcNow();
        (now >= reminderDue).ShouldBeTrue();
        now.ShouldBeLessThan(escalationDue);
        calendar.BusinessDaysBetween(createdAt, now).ShouldBe(ackSlaDays / 2.0, 1e-9);

        // A calendar week after creation only 4 business days have passed (holiday + weekend).
        clock.Advance(TimeSpan.FromDays(4.5));
        clock.GetUtcNow().ShouldBe(Utc(2026, 11, 30, 10));
        clock.GetUtcNow().ShouldBeLessThan(escalationDue);
        calendar.BusinessDaysBetween(createdAt, clock.GetUtcNow()).ShouldBe(4, 1e-9);

        clock.Advance(TimeSpan.FromDays(1));
        now = clock.GetUtcNow();
        (now >= escalationDue).ShouldBeTrue();
        calendar.BusinessDaysBetween(createdAt, now).ShouldBeGreaterThanOrEqualTo(ackSlaDays);
    }
}
