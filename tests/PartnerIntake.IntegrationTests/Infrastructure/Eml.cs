using System.Text;

namespace PartnerIntake.IntegrationTests.Infrastructure;

/// <summary>Just enough of an .eml reader for assertions: headers and the decoded text and HTML parts.</summary>
public sealed record Eml(IReadOnlyDictionary<string, string> Headers, string Text, string Html)
{
    public static Eml Read(string path)
    {
        var raw = File.ReadAllText(path);
        var split = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var headers = raw[..split].Split("\r\n")
            .Select(l => l.Split(": ", 2))
            .ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
        return new Eml(headers, Part(raw, "text/plain"), Part(raw, "text/html"));
    }

    private static string Part(string raw, string type)
    {
        var start = raw.IndexOf("Content-Type: " + type, StringComparison.Ordinal);
        var body = raw.IndexOf("\r\n\r\n", start, StringComparison.Ordinal) + 4;
        var end = raw.IndexOf("\r\n--", body, StringComparison.Ordinal);
        return Encoding.UTF8.GetString(Convert.FromBase64String(raw[body..end].Replace("\r\n", "", StringComparison.Ordinal)));
    }
}
