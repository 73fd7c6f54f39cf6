using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PartnerIntake.Shared.Console;

/// <summary>A parsed message: its headers (in order, encoded words decoded) and its text and HTML bodies.</summary>
public sealed record MimeContent(IReadOnlyList<KeyValuePair<string, string>> Headers, string? Text, string? Html)
{
    /// <summary>The first header of that name (case-insensitive), or null.</summary>
    public string? Header(string name) => Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>The Date header as a time, when it parses (RFC 5322 <c>ddd, dd MMM yyyy HH:mm:ss +hhmm</c>).</summary>
    public DateTimeOffset? Date => MimeReader.ParseDate(Header("Date"));
}

/// <summary>
/// A small MIME reader for the messages the local outbox writes (<see cref="Mail.MimeMessage"/>): RFC 5322 headers with
/// folding and RFC 2047 encoded words (B and Q), single-part text or HTML, and multipart (alternative, mixed, nested) with
/// base64, quoted-printable, 7bit or 8bit parts in UTF-8 or another charset .NET knows. Attachments are ignored.
/// </summary>
public static partial class MimeReader
{
    private const int MaxDepth = 5;

    public static MimeContent Parse(string raw)
    {
        var (headers, body) = SplitHeaders(raw);
        string? text = null, html = null;
        Collect(headers, body, ref text, ref html, 0);
        return new MimeContent(headers, text, html);
    }

    public static DateTimeOffset? ParseDate(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var v = CommentPattern().Replace(value, "").Trim();
        var zone = ZonePattern().Match(v);
        if (zone.Success)
        {
            v = v[..zone.Index] + zone.Groups[1].Value + ":" + zone.Groups[2].Value; // +0100 → +01:00, which .NET parses
        }

        string[] formats = ["ddd, d MMM yyyy HH:mm:ss zzz", "d MMM yyyy HH:mm:ss zzz", "ddd, d MMM yyyy HH:mm zzz", "r"];
        return DateTimeOffset.TryParseExact(v, formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var at) ? at : null;
    }

    /// <summary>Decodes RFC 2047 encoded words (<c>=?charset?B|Q?…?=</c>); whitespace between two encoded words is dropped.</summary>
    public static string DecodeWords(string value) =>
        EncodedWordPattern().Replace(AdjacentWordsPattern().Replace(value, "$1"), m =>
        {
            try
            {
                var encoding = Charset(m.Groups["charset"].Value);
                var data = m.Groups["data"].Value;
                var bytes = m.Groups["enc"].Value is "B" or "b"
                    ? Convert.FromBase64String(data)
                    : QuotedPrintable(data.Replace('_', ' '), header: true);
                return encoding.GetString(bytes);
            }
            catch (FormatException)
            {
                return m.Value;
            }
        });

    private static (List<KeyValuePair<string, string>> Headers, string Body) SplitHeaders(string raw)
    {
        var text = raw.Replace("\r\n", "\n", StringComparison.Ordinal);
        var end = text.StartsWith('\n') ? 0 : text.IndexOf("\n\n", StringComparison.Ordinal);
        var head = end < 0 ? text : text[..end];
        var body = end < 0 ? "" : text[(end + (end == 0 ? 1 : 2))..];
        var headers = new List<KeyValuePair<string, string>>();
        string? name = null;
        var value = new StringBuilder();
        foreach (var line in head.Split('\n'))
        {
            if (line.Length > 0 && line[0] is ' ' or '\t' && name is not null)
            {
                value.Append(' ').Append(line.Trim()); // folded continuation
                continue;
            }

            if (name is not null)
            {
                headers.Add(new(name, DecodeWords(value.ToString())));
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                name = null;
                continue;
            }

            name = line[..colon].Trim();
            value.Clear().Append(line[(colon + 1)..].Trim());
        }

        if (name is not null)
        {
            headers.Add(new(name, DecodeWords(value.ToString())));
        }

        return (headers, body);
    }

    private static void Collect(List<KeyValuePair<string, string>> headers, string body, ref string? text, ref string? html, int depth)
    {
        var contentType = Find(headers, "Content-Type") ?? "text/plain";
        var mediaType = contentType.Split(';')[0].Trim().ToLowerInvariant();
        var parameters = Parameters(contentType);
        if (mediaType.StartsWith("multipart/", StringComparison.Ordinal) && parameters.TryGetValue("boundary", out var boundary) && depth < MaxDepth)
        {
            foreach (var part in Parts(body, boundary))
            {
                var (partHeaders, partBody) = SplitHeaders(part);
                Collect(partHeaders, partBody, ref text, ref html, depth + 1);
            }

            return;
        }

        var disposition = Find(headers, "Content-Disposition");
        if (disposition?.TrimStart().StartsWith("attachment", StringComparison.OrdinalIgnoreCase) == true)
        {
            return;
        }

        if (mediaType is not ("text/plain" or "text/html"))
        {
            return;
        }

        var encoding = (Find(headers, "Content-Transfer-Encoding") ?? "7bit").Trim().ToLowerInvariant();
        var charset = Charset(parameters.GetValueOrDefault("charset") ?? "utf-8");
        var decoded = encoding switch
        {
            "base64" => charset.GetString(Base64(body)),
            "quoted-printable" => charset.GetString(QuotedPrintable(body, header: false)),
            _ => body.EndsWith('\n') ? body[..^1] : body,
        };
        decoded = decoded.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (mediaType == "text/plain")
        {
            text ??= decoded;
        }
        else
        {
            html ??= decoded;
        }
    }

    private static IEnumerable<string> Parts(string body, string boundary)
    {
        var delimiter = "--" + boundary;
        var lines = body.Split('\n');
        StringBuilder? current = null;
        foreach (var line in lines)
        {
            var trimmed = line.TrimEnd();
            if (trimmed == delimiter + "--")
            {
                break;
            }

            if (trimmed == delimiter)
            {
                if (current is not null)
                {
                    yield return Strip(current);
                }

                current = new StringBuilder();
                continue;
            }

            current?.Append(line).Append('\n');
        }

        if (current is not null)
        {
            yield return Strip(current);
        }

        // The line break before a delimiter belongs to the delimiter (RFC 2046).
        static string Strip(StringBuilder b) => b.Length > 0 && b[^1] == '\n' ? b.ToString(0, b.Length - 1) : b.ToString();
    }

    private static byte[] Base64(string body)
    {
        var compact = new string(body.Where(c => !char.IsWhiteSpace(c)).ToArray());
        try
        {
            return Convert.FromBase64String(compact);
        }
        catch (FormatException)
        {
            return Encoding.UTF8.GetBytes(body);
        }
    }

    private static byte[] QuotedPrintable(string value, bool header)
    {
        var bytes = new List<byte>(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '=')
            {
                if (!header && i + 1 < value.Length && value[i + 1] == '\n')
                {
                    i++; // soft line break
                    continue;
                }

                if (!header && i + 2 < value.Length && value[i + 1] == '\r' && value[i + 2] == '\n')
                {
                    i += 2;
                    continue;
                }

                if (i + 2 < value.Length && byte.TryParse(value.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var b))
                {
                    bytes.Add(b);
                    i += 2;
                    continue;
                }
            }

            if (!header && c == '\n')
            {
                // Trailing whitespace before a hard line break is transport padding (RFC 2045 6.7).
                while (bytes.Count > 0 && bytes[^1] is (byte)' ' or (byte)'\t')
                {
                    bytes.RemoveAt(bytes.Count - 1);
                }
            }

            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(value.Substring(i, 2)));
                i++;
                continue;
            }

            bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
        }

        return bytes.ToArray();
    }

    private static Encoding Charset(string name)
    {
        try
        {
            return Encoding.GetEncoding(name.Trim().Trim('"'));
        }
        catch (ArgumentException)
        {
            return Encoding.UTF8;
        }
    }

    private static string? Find(List<KeyValuePair<string, string>> headers, string name) =>
        headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    private static Dictionary<string, string> Parameters(string headerValue)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match m in ParameterPattern().Matches(headerValue))
        {
            result[m.Groups["name"].Value] = m.Groups["quoted"].Success ? m.Groups["quoted"].Value : m.Groups["token"].Value;
        }

        return result;
    }

    [GeneratedRegex(@";\s*(?<name>[A-Za-z0-9_\-\.]+)\s*=\s*(?:""(?<quoted>[^""]*)""|(?<token>[^;\s]+))")]
    private static partial Regex ParameterPattern();

    [GeneratedRegex(@"=\?(?<charset>[^?]+)\?(?<enc>[BbQq])\?(?<data>[^?]*)\?=")]
    private static partial Regex EncodedWordPattern();

    [GeneratedRegex(@"(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?[^?]+\?[BbQq]\?[^?]*\?=)")]
    private static partial Regex AdjacentWordsPattern();

    [GeneratedRegex(@"\([^)]*\)")]
    private static partial Regex CommentPattern();

    [GeneratedRegex(@"([+-]\d{2})(\d{2})$")]
    private static partial Regex ZonePattern();
}
