using CsvHelper;

namespace PartnerIntake.Shared.Console;

/// <summary>
/// The console's CSV downloads, written by CsvHelper: RFC 4180 (CRLF, fields with a comma, quote or line break quoted),
/// UTF-8 with a byte-order mark so spreadsheet programs show non-Latin names correctly, and a cell starting with
/// <c>= + - @</c>, a tab or a carriage return prefixed with an apostrophe (and quoted), so partner-supplied text is never
/// run as a formula (CSV injection).
/// </summary>
public static class CsvExport
{
    private static readonly CsvWriterOptions Options = new() { Injection = CsvInjection.Escape, WriteByteOrderMark = true };

    /// <summary>A writer into <paramref name="output"/>, which stays open; dispose the writer asynchronously to flush it.</summary>
    public static CsvWriter Create(Stream output) => CsvWriter.Create(output, Options, leaveOpen: true);
}
