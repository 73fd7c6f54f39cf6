using PartnerIntake.Shared.Common;
using PartnerIntake.Shared.Console;

namespace PartnerIntake.UnitTests.Console;

public class CsvWriterTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Field_Value_QuotedPerRfc4180(string? value, string expected)
    {
        CsvWriter.Field(value).ShouldBe(expected);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+1", "'+1")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("a=b", "a=b")]
    public void Field_FormulaStart_NeutralisedWithApostrophe(string value, string expected)
    {
        CsvWriter.Field(value).ShouldBe(expected);
    }

    [Fact]
    public void Write_Rows_CrlfLinesThatParseBack()
    {
        var csv = CsvWriter.Write([["a", "b,c"], ["multi\r\nline", "\"q\""]]);

        csv.ShouldBe("a,\"b,c\"\r\n\"multi\r\nline\",\"\"\"q\"\"\"\r\n");
        var parsed = Csv.Parse(csv);
        parsed.Count.ShouldBe(2);
        parsed[0].Fields.ShouldBe(["a", "b,c"]);
        parsed[1].Fields.ShouldBe(["multi\r\nline", "\"q\""]);
    }
}
