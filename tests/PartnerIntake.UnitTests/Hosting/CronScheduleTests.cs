using PartnerIntake.Functions.LocalHost;

namespace PartnerIntake.UnitTests.Hosting;

public class CronScheduleTests
{
    // 2026-01-16 is a Friday; 2026-01-19 is the following Monday.
    private static DateTimeOffset Utc(int year, int month, int day, int hour = 0, int minute = 0, int second = 0) =>
        new(year, month, day, hour, minute, second, TimeSpan.Zero);

    private static DateTimeOffset? Next(string expression, DateTimeOffset after) =>
        CronSchedule.Parse(expression).NextAfter(after);

    /// <summary>Occurrences in (from, to], as the timer runner meets them: NextAfter from each one.</summary>
    private static List<DateTimeOffset> Between(string expression, DateTimeOffset from, DateTimeOffset to)
    {
        var schedule = CronSchedule.Parse(expression);
        var occurrences = new List<DateTimeOffset>();
        for (var next = schedule.NextAfter(from); next is { } n && n <= to; next = schedule.NextAfter(n))
        {
            occurrences.Add(n);
        }

        return occurrences;
    }

    [Fact]
    public void NextAfter_EveryFiveMinutes_ReturnsNextFiveMinuteMark()
    {
        Next("0 */5 * * * *", Utc(2026, 1, 16, 10, 2, 30)).ShouldBe(Utc(2026, 1, 16, 10, 5, 0));
    }

    [Fact]
    public void NextAfter_ExactlyOnAnOccurrence_ReturnsTheFollowingOne()
    {
        Next("0 */5 * * * *", Utc(2026, 1, 16, 10, 5, 0)).ShouldBe(Utc(2026, 1, 16, 10, 10, 0));
    }

    [Fact]
    public void NextAfter_SubSecondInput_RoundsToWholeSecondsStrictlyAfter()
    {
        var schedule = CronSchedule.Parse("0 */5 * * * *");

        schedule.NextAfter(Utc(2026, 1, 16, 10, 4, 59).AddMilliseconds(999)).ShouldBe(Utc(2026, 1, 16, 10, 5, 0));
        schedule.NextAfter(Utc(2026, 1, 16, 10, 5, 0).AddMilliseconds(500)).ShouldBe(Utc(2026, 1, 16, 10, 10, 0));
    }

    [Theory]
    [InlineData(2026, 1, 16, 10, 0, 0, 2026, 1, 16, 11)]
    [InlineData(2026, 1, 16, 10, 59, 59, 2026, 1, 16, 11)]
    [InlineData(2026, 1, 31, 23, 15, 0, 2026, 2, 1, 0)]
    [InlineData(2026, 12, 31, 23, 30, 0, 2027, 1, 1, 0)]
    [InlineData(2028, 2, 28, 23, 0, 0, 2028, 2, 29, 0)]
    public void NextAfter_Hourly_ReturnsTopOfNextHour(
        int y, int mo, int d, int h, int mi, int s, int ey, int emo, int ed, int eh)
    {
        Next("0 0 * * * *", Utc(y, mo, d, h, mi, s)).ShouldBe(Utc(ey, emo, ed, eh));
    }

    [Fact]
    public void NextAfter_FiveFieldForm_TreatsFirstFieldAsMinuteWithSecondZero()
    {
        var schedule = CronSchedule.Parse("30 9 * * *");

        schedule.NextAfter(Utc(2026, 1, 16, 9, 29, 59)).ShouldBe(Utc(2026, 1, 16, 9, 30, 0));
        schedule.NextAfter(Utc(2026, 1, 16, 9, 30, 0)).ShouldBe(Utc(2026, 1, 17, 9, 30, 0));
    }

    [Fact]
    public void Between_FiveFieldForm_MatchesEquivalentSixFieldForm()
    {
        var from = Utc(2026, 1, 16);
        var to = Utc(2026, 1, 17);

        var five = Between("*/15 * * * *", from, to);
        var six = Between("0 */15 * * * *", from, to);

        five.Count.ShouldBe(96);
        five.ShouldBe(six);
    }

    [Theory]
    [InlineData("0 10-12 * * * *", new[] { 10, 11, 12 })]
    [InlineData("0 5,20,45 * * * *", new[] { 5, 20, 45 })]
    [InlineData("0 45,5,20 * * * *", new[] { 5, 20, 45 })]
    [InlineData("0 10-30/10 * * * *", new[] { 10, 20, 30 })]
    [InlineData("0 50/4 * * * *", new[] { 50, 54, 58 })]
    [InlineData("0 */20 * * * *", new[] { 0, 20, 40 })]
    [InlineData("0 1-3,40-59/10 * * * *", new[] { 1, 2, 3, 40, 50 })]
    [InlineData("0 7 * * * *", new[] { 7 })]
    [InlineData("0 */45 * * * *", new[] { 0, 45 })]
    public void Between_MinuteRangesListsAndSteps_ProduceExpectedMinutes(string expression, int[] expectedMinutes)
    {
        var occurrences = Between(expression, Utc(2026, 1, 16, 9, 59, 59), Utc(2026, 1, 16, 10, 59, 59));

        occurrences.Select(o => o.Minute).ShouldBe(expectedMinutes);
        occurrences.ShouldAllBe(o => o.Hour == 10 && o.Second == 0);
    }

    [Fact]
    public void Between_SecondStep_ProducesEveryTwentySeconds()
    {
        var occurrences = Between("*/20 * * * * *", Utc(2026, 1, 16, 10, 0, 0), Utc(2026, 1, 16, 10, 1, 0));

        occurrences.ShouldBe([Utc(2026, 1, 16, 10, 0, 20), Utc(2026, 1, 16, 10, 0, 40), Utc(2026, 1, 16, 10, 1, 0)]);
    }

    [Fact]
    public void Between_HourStep_ProducesEverySixHours()
    {
        var occurrences = Between("0 0 */6 * * *", Utc(2026, 1, 15, 23, 0, 0), Utc(2026, 1, 16, 23, 0, 0));

        occurrences.Select(o => o.Hour).ShouldBe([0, 6, 12, 18]);
    }

    [Fact]
    public void Between_DayOfMonthList_ProducesThoseDays()
    {
        var occurrences = Between("0 0 8 1,15 * *", Utc(2026, 1, 1), Utc(2026, 3, 31));

        occurrences.ShouldBe(
        [
            Utc(2026, 1, 1, 8), Utc(2026, 1, 15, 8), Utc(2026, 2, 1, 8),
            Utc(2026, 2, 15, 8), Utc(2026, 3, 1, 8), Utc(2026, 3, 15, 8),
        ]);
    }

    [Fact]
    public void NextAfter_WeekdayNamesFromFriday_SkipsToMonday()
    {
        Next("0 0 12 * * MON-FRI", Utc(2026, 1, 16, 12, 0, 0)).ShouldBe(Utc(2026, 1, 19, 12, 0, 0));
    }

    [Fact]
    public void NextAfter_MonthName_ReturnsFirstOfJanuaryNextYear()
    {
        Next("0 0 0 1 JAN *", Utc(2026, 1, 16)).ShouldBe(Utc(2027, 1, 1));
    }

    [Fact]
    public void Between_MonthNameList_ProducesOnlyThoseMonths()
    {
        var occurrences = Between("0 0 0 1 JAN,JUL *", Utc(2026, 1, 1), Utc(2027, 12, 31));

        occurrences.ShouldBe([Utc(2026, 7, 1), Utc(2027, 1, 1), Utc(2027, 7, 1)]);
    }

    [Theory]
    [InlineData("0 0 12 * * mon-fri")]
    [InlineData("0 0 12 * * Mon-Fri")]
    [InlineData("0 0 12 * * 1-5")]
    [InlineData("0 0 12 * * MON,TUE,wed,Thu,FRI")]
    [InlineData("0 0 12 * jan-DEC MON-FRI")]
    [InlineData("0 0 12 * */1 1-5/1")]
    public void Between_EquivalentWeekdaySpellings_ProduceSameOccurrences(string expression)
    {
        var expected = Between("0 0 12 * * 1,2,3,4,5", Utc(2026, 1, 1), Utc(2026, 3, 1));

        var actual = Between(expression, Utc(2026, 1, 1), Utc(2026, 3, 1));

        expected.Count.ShouldBe(42);
        actual.ShouldBe(expected);
    }

    [Theory]
    [InlineData("0 0 0 * * 0")]
    [InlineData("0 0 0 * * SUN")]
    [InlineData("0 0 0 * * sun")]
    public void NextAfter_SundaySpellings_ReturnSunday(string expression)
    {
        Next(expression, Utc(2026, 1, 16)).ShouldBe(Utc(2026, 1, 18));
    }

    [Fact]
    public void NextAfter_WeekdaysAt0930FromFriday_SkipsTheWeekend()
    {
        var schedule = CronSchedule.Parse("0 30 9 * * 1-5");

        schedule.NextAfter(Utc(2026, 1, 16, 9, 30, 0)).ShouldBe(Utc(2026, 1, 19, 9, 30, 0));
        schedule.NextAfter(Utc(2026, 1, 16, 9, 0, 0)).ShouldBe(Utc(2026, 1, 16, 9, 30, 0));
    }

    [Fact]
    public void Between_WeekdaysAt0930AcrossWeekend_HasNoSaturdayOrSunday()
    {
        var occurrences = Between("0 30 9 * * 1-5", Utc(2026, 1, 16, 9, 0, 0), Utc(2026, 1, 20, 10, 0, 0));

        occurrences.ShouldBe([Utc(2026, 1, 16, 9, 30, 0), Utc(2026, 1, 19, 9, 30, 0), Utc(2026, 1, 20, 9, 30, 0)]);
    }

    [Fact]
    public void NextAfter_February29From2026_Returns2028()
    {
        Next("0 0 0 29 2 *", Utc(2026, 1, 1)).ShouldBe(Utc(2028, 2, 29));
    }

    [Fact]
    public void NextAfter_February29OnALeapDay_ReturnsNextLeapYear()
    {
        Next("0 0 0 29 2 *", Utc(2028, 2, 29)).ShouldBe(Utc(2032, 2, 29));
    }

    [Fact]
    public void Between_February29OverFifteenYears_ReturnsEachLeapDay()
    {
        var occurrences = Between("0 0 0 29 FEB *", Utc(2026, 1, 1), Utc(2041, 1, 1));

        occurrences.ShouldBe([Utc(2028, 2, 29), Utc(2032, 2, 29), Utc(2036, 2, 29), Utc(2040, 2, 29)]);
    }

    [Fact]
    public void Between_Day31_SkipsThirtyDayMonthsAndFebruary()
    {
        var occurrences = Between("0 0 0 31 * *", Utc(2026, 1, 1), Utc(2026, 12, 31, 23, 59, 59));

        occurrences.Select(o => o.Month).ShouldBe([1, 3, 5, 7, 8, 10, 12]);
        occurrences.ShouldAllBe(o => o.Day == 31);
    }

    [Fact]
    public void NextAfter_Day31FromMarch31_SkipsApril()
    {
        Next("0 0 0 31 * *", Utc(2026, 3, 31)).ShouldBe(Utc(2026, 5, 31));
    }

    [Theory]
    [InlineData("0 0 0 30 2 *")]
    [InlineData("0 0 0 31 4 *")]
    [InlineData("0 0 0 31 APR,JUN,SEP,NOV *")]
    public void NextAfter_ImpossibleDate_ReturnsNull(string expression)
    {
        Next(expression, Utc(2026, 1, 1)).ShouldBeNull();
    }

    [Fact]
    public void NextAfter_LeapDayMoreThanFiveYearsAway_ReturnsNull()
    {
        // 2100 is not a leap year, so after 2096-02-29 the next leap day is 2104-02-29 (8 years).
        Next("0 0 0 29 2 *", Utc(2096, 3, 1)).ShouldBeNull();
    }

    [Fact]
    public void NextAfter_DayOfMonthAndDayOfWeekBothRestricted_RequiresBothAsNcrontabDoes()
    {
        // NCrontab (Azure Functions) ANDs the two fields: Friday the 13th, not every Friday or every 13th.
        var schedule = CronSchedule.Parse("0 0 0 13 * FRI");

        schedule.NextAfter(Utc(2026, 1, 1)).ShouldBe(Utc(2026, 2, 13));
        schedule.NextAfter(Utc(2026, 2, 13)).ShouldBe(Utc(2026, 3, 13));
    }

    [Fact]
    public void Between_TwelveHours_ReturnsTwelveHourlyOccurrences()
    {
        var occurrences = Between("0 0 * * * *", Utc(2026, 1, 16, 0, 0, 0), Utc(2026, 1, 16, 12, 0, 0));

        occurrences.Count.ShouldBe(12);
        occurrences[0].ShouldBe(Utc(2026, 1, 16, 1, 0, 0));
        occurrences[^1].ShouldBe(Utc(2026, 1, 16, 12, 0, 0));
    }

    [Theory]
    [InlineData(2026, 3, 29)] // EU clocks go forward at 01:00 UTC
    [InlineData(2026, 10, 25)] // EU clocks go back at 01:00 UTC
    [InlineData(2026, 3, 8)] // US clocks go forward
    [InlineData(2026, 11, 1)] // US clocks go back
    public void Between_AcrossDstChangeDays_StaysExactlyHourlyInUtc(int year, int month, int day)
    {
        var from = Utc(year, month, day).AddDays(-1);

        var occurrences = Between("0 30 * * * *", from, from.AddDays(2));

        occurrences.Count.ShouldBe(48);
        occurrences.ShouldAllBe(o => o.Offset == TimeSpan.Zero && o.Minute == 30);
        occurrences.Zip(occurrences.Skip(1), (a, b) => b - a).ShouldAllBe(gap => gap == TimeSpan.FromHours(1));
    }

    [Fact]
    public void NextAfter_NonUtcOffsetInput_ComputesInUtcAndReturnsUtc()
    {
        var after = new DateTimeOffset(2026, 1, 16, 10, 2, 30, TimeSpan.FromHours(2));

        var next = Next("0 0 9 * * *", after);

        next.ShouldBe(Utc(2026, 1, 16, 9, 0, 0));
        next!.Value.Offset.ShouldBe(TimeSpan.Zero);
    }

    public static TheoryData<string, Func<DateTimeOffset, bool>> BruteForceCases => new()
    {
        { "*/7 */5 * * *", t => t.Minute % 7 == 0 && t.Hour % 5 == 0 },
        { "15,45 9-17 * * MON-FRI", t => t.Minute is 15 or 45 && t.Hour is >= 9 and <= 17 && t.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) },
        { "0 0 28-31 * *", t => t.Minute == 0 && t.Hour == 0 && t.Day >= 28 },
        { "30 23 29 FEB,MAR *", t => t.Minute == 30 && t.Hour == 23 && t.Day == 29 && t.Month is 2 or 3 },
        { "0 12 1-7 * 1", t => t.Minute == 0 && t.Hour == 12 && t.Day <= 7 && t.DayOfWeek == DayOfWeek.Monday },
        { "59 23 31 * *", t => t.Minute == 59 && t.Hour == 23 && t.Day == 31 },
    };

    [Theory]
    [MemberData(nameof(BruteForceCases))]
    public void Between_AcrossLeapFebruary_MatchesMinuteByMinuteBruteForce(string expression, Func<DateTimeOffset, bool> matches)
    {
        var from = Utc(2028, 1, 20);
        var to = Utc(2028, 4, 10);
        var expected = new List<DateTimeOffset>();
        for (var t = from.AddMinutes(1); t <= to; t = t.AddMinutes(1))
        {
            if (matches(t))
            {
                expected.Add(t);
            }
        }

        var actual = Between(expression, from, to);

        expected.ShouldNotBeEmpty();
        actual.ShouldBe(expected);
    }

    [Fact]
    public void Parse_ValidExpression_KeepsExpression()
    {
        CronSchedule.Parse("0 */5 * * * *").Expression.ShouldBe("0 */5 * * * *");
    }

    [Fact]
    public void TryParse_ValidExpressionWithExtraSpaces_ReturnsScheduleAndNoError()
    {
        CronSchedule.TryParse("  0  */5 * * * *  ", out var schedule, out var error).ShouldBeTrue();

        error.ShouldBeNull();
        schedule.ShouldNotBeNull();
        schedule.NextAfter(Utc(2026, 1, 16, 10, 2, 30)).ShouldBe(Utc(2026, 1, 16, 10, 5, 0));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("* * * *")]
    [InlineData("* * * * * * *")]
    [InlineData("60 * * * * *")]
    [InlineData("* 60 * * * *")]
    [InlineData("60 * * * *")]
    [InlineData("* * 24 * * *")]
    [InlineData("* * * 0 * *")]
    [InlineData("* * * 32 * *")]
    [InlineData("* * * * 0 *")]
    [InlineData("* * * * 13 *")]
    [InlineData("* * * * * 8")]
    [InlineData("0 0 0 * * 7")]
    [InlineData("0 0 0 * * 5-7")]
    [InlineData("0 */5 *\t* * *")]
    [InlineData("0 abc * * * *")]
    [InlineData("0 5- * * * *")]
    [InlineData("0 */ * * * *")]
    [InlineData("0 */x * * * *")]
    [InlineData("0 0 0 * FOO *")]
    [InlineData("0 0 0 * * FUNDAY")]
    [InlineData("0 0 MON * * *")]
    [InlineData("0 0 0 L * *")]
    [InlineData("0 0 0 * * 1#2")]
    public void Parse_InvalidExpression_ThrowsFormatExceptionNamingTheSchedule(string expression)
    {
        var exception = Should.Throw<FormatException>(() => CronSchedule.Parse(expression));

        exception.Message.ShouldContain($"'{expression}'");
    }

    [Theory]
    [InlineData("* * * *", "4 fields")]
    [InlineData("61 * * * * *", "not valid NCRONTAB")]
    [InlineData("0 0 0 * ABC *", "not valid NCRONTAB")]
    public void TryParse_InvalidExpression_ReturnsFalseWithError(string expression, string expectedInError)
    {
        CronSchedule.TryParse(expression, out var schedule, out var error).ShouldBeFalse();

        schedule.ShouldBeNull();
        error.ShouldNotBeNull();
        error.ShouldContain(expectedInError);
    }
}
