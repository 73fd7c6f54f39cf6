using System.Text;

namespace PartnerIntake.Shared.Console;

/// <summary>
/// Writes RFC 4180 CSV (CRLF line ends, fields with a comma, quote or line break quoted, quotes doubled) that is safe to
/// open in a spreadsheet: a cell starting with <c>= + - @</c>, a tab or a carriage return gets a leading apostrophe, so
/// partner-supplied text is never run as a formula (CSV injection).
/// </summary>
public static class CsvWriter
{
    public static string Field(string? value)
    {
        var text = Neutralise(value ?? "");
        return text.AsSpan().IndexOfAny(",\"\r\n") >= 0
            ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : text;
    }

    public static string Neutralise(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;

    public static string Line(IEnumerable<string?> fields) => string.Join(',', fields.Select(Field)) + "\r\n";

    public static Task WriteLineAsync(TextWriter writer, IEnumerable<string?> fields, CancellationToken cancellationToken) =>
        writer.WriteAsync(Line(fields).AsMemory(), cancellationToken);

    public static string Write(IEnumerable<IEnumerable<string?>> rows)
    {
        var b = new StringBuilder();
        foreach (var row in rows)
        {
            b.Append(Line(row));
        }

        return b.ToString();
    }
}
