using MimeKit;

namespace PartnerIntake.IntegrationTests.Infrastructure;

/// <summary>An .eml file for assertions, read by MimeKit: its headers (encoded words decoded) and its text and HTML parts.</summary>
public sealed record Eml(IReadOnlyDictionary<string, string> Headers, string Text, string Html)
{
    public static Eml Read(string path)
    {
        using var message = MimeMessage.Load(path);

        // MimeKit keeps the Content-* headers (Content-Language) with the body.
        var headers = message.Headers.Concat(message.Body?.Headers ?? [])
            .DistinctBy(h => h.Field, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(h => h.Field, h => h.Value, StringComparer.OrdinalIgnoreCase);
        return new Eml(headers, message.TextBody ?? "", message.HtmlBody ?? "");
    }
}
