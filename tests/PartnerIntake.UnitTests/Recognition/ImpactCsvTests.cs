using PartnerIntake.Shared.Recognition;

namespace PartnerIntake.UnitTests.Recognition;

public class ImpactCsvTests
{
    private static readonly string Header = string.Join(',', ImpactCsv.Columns);

    [Fact]
    public void Parse_ValidRows_AllMonths()
    {
        var (rows, errors) = ImpactCsv.Parse($"{Header}\r\n\"Category:Paintings in the National Museum in Warsaw\",2026-10,120,45,12,98000\r\n");

        errors.ShouldBeEmpty();
        rows.ShouldHaveSingleItem().ShouldBe(new MonthlyImpact("Category:Paintings in the National Museum in Warsaw", "2026-10", 120, 45, 12, 98000));
    }

    [Fact]
    public void Parse_InvalidFields_ReportsTheirLinesAndReturnsNothing()
    {
        var csv = $"{Header}\n\nCategory:A,2026-10,1,2,3,4\nCategory:B,October,1,2,-3,4\n";

        var (rows, errors) = ImpactCsv.Parse(csv);

        rows.ShouldBeEmpty();
        errors.ShouldBe([new CsvRowError(4, "month", "Must be a month written yyyy-MM."), new CsvRowError(4, "wikis", "Must be a whole number, 0 or more.")]);
    }

    [Fact]
    public void Parse_UnclosedQuote_ReportsItsLine()
    {
        // The last field's quote is never closed: it used to read as if it were.
        var (rows, errors) = ImpactCsv.Parse($"{Header}\nCategory:A,2026-10,1,2,3,4\nCategory:A,2026-11,1,2,3,\"5");

        rows.ShouldBeEmpty();
        errors.ShouldHaveSingleItem().ShouldBe(new CsvRowError(3, "$", "A quote opened on this line is never closed."));
    }
}
