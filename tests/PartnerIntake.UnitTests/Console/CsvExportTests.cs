using System.Text;
using PartnerIntake.Shared.Common;
using PartnerIntake.Shared.Console;

namespace PartnerIntake.UnitTests.Console;

public class CsvExportTests
{
    [Fact]
    public async Task Create_Rows_Rfc4180CrlfLinesThatParseBack()
    {
        var csv = await WriteAsync(["a", "b,c"], ["multi\r\nline", "\"q\""]);

        csv.ShouldBe("\uFEFFa,\"b,c\"\r\n\"multi\r\nline\",\"\"\"q\"\"\"\r\n");
        var rows = Csv.Parse(csv).Rows;
        rows.Select(r => r.Fields).ShouldBe([["a", "b,c"], ["multi\r\nline", "\"q\""]]);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")")]
    [InlineData("+1")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1)")]
    [InlineData("\tx")]
    [InlineData("\rx")]
    public async Task Create_FormulaStart_NeutralisedWithApostrophe(string value)
    {
        var csv = await WriteAsync([value, "a=b"]);

        Csv.Parse(csv).Rows.Single().Fields.ShouldBe(["'" + value, "a=b"]);
    }

    [Fact]
    public async Task Create_Output_StartsWithUtf8ByteOrderMark()
    {
        using var output = new MemoryStream();
        await using (var csv = CsvExport.Create(output))
        {
            await csv.WriteRecordAsync(["Zażółć", "متحف"], default);
        }

        output.ToArray().ShouldBe([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("Zażółć,متحف\r\n")]);
    }

    private static async Task<string> WriteAsync(params string[][] rows)
    {
        using var output = new MemoryStream();
        await using (var csv = CsvExport.Create(output))
        {
            foreach (var row in rows)
            {
                await csv.WriteRecordAsync(row, default);
            }
        }

        return Encoding.UTF8.GetString(output.ToArray());
    }
}
