using CsvHelper;

namespace PartnerIntake.Shared.Common;

/// <summary>
/// The importers' CSV, read by CsvHelper: RFC 4180 with commas (never a guessed separator), CRLF or LF, a byte-order mark
/// and empty lines skipped. Records keep the line they start on. A quote that is never closed swallows the rest of the
/// text, so that record is left out and its line reported; other slips are read as CsvHelper recovers them (a
/// stray quote inside a field is kept as text).
/// </summary>
public static class Csv
{
    public sealed record Row(int Line, IReadOnlyList<string> Fields);

    private static readonly CsvReaderOptions Options = new() { Separator = ',', HasHeader = false, TrackLineNumbers = true };

    public static (IReadOnlyList<Row> Rows, int? UnclosedQuoteLine) Parse(string text)
    {
        int? unclosedQuoteLine = null;
        var options = Options with
        {
            OnMalformedRecord = record =>
            {
                if (record.Reason == CsvMalformedReason.UnterminatedQuote)
                {
                    unclosedQuoteLine = (int)record.LineNumber;
                }
            },
        };
        var rows = new List<Row>();
        using var reader = CsvReader.FromText(text, options);
        while (reader.Read())
        {
            if (reader.LineNumber != unclosedQuoteLine)
            {
                rows.Add(new Row((int)reader.LineNumber, reader.Current.ToArray()));
            }
        }

        return (rows, unclosedQuoteLine);
    }
}
