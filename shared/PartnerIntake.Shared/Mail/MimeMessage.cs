using System.Globalization;
using System.Text;

namespace PartnerIntake.Shared.Mail;

/// <summary>
/// Writes an RFC 5322 message with text and HTML alternatives (what the local outbox stores as .eml): the same
/// checks as the SendGrid request (<see cref="MailRules"/>), the extra headers as they are, and the custom args
/// as <c>X-PartnerIntake-Arg-{name}</c> headers, so a local run shows everything SendGrid would get.
/// </summary>
public static class MimeMessage
{
    public static string Write(OutboundMail mail, Recipient from, DateTimeOffset date)
    {
        MailRules.EnsureValid(mail, from);
        var boundary = "=_pi_" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(mail.OutboxId)))[..24];
        var b = new StringBuilder();
        Header(b, "From", Address(from));
        Header(b, "To", Address(mail.To));
        if (mail.ReplyTo is not null)
        {
            Header(b, "Reply-To", Address(mail.ReplyTo));
        }

        Header(b, "Subject", Unstructured(mail.Subject));
        Header(b, "Date", date.ToString("ddd, dd MMM yyyy HH:mm:ss zzz", CultureInfo.InvariantCulture).Remove(29, 1));
        Header(b, "Message-ID", $"<{mail.OutboxId}@partnerintake.local>");
        Header(b, "Content-Language", mail.Language);
        Header(b, "X-PartnerIntake-Kind", mail.Kind);
        Header(b, "X-PartnerIntake-Outbox-Id", mail.OutboxId);
        foreach (var (name, value) in mail.CustomArgs ?? new Dictionary<string, string>())
        {
            Header(b, "X-PartnerIntake-Arg-" + name, Unstructured(value));
        }

        foreach (var (name, value) in mail.Headers ?? new Dictionary<string, string>())
        {
            Header(b, name, value);
        }

        Header(b, "MIME-Version", "1.0");
        Header(b, "Content-Type", $"multipart/alternative; boundary=\"{boundary}\"");
        b.Append("\r\n");
        Part(b, boundary, "text/plain", mail.Text);
        Part(b, boundary, "text/html", mail.Html);
        b.Append("--").Append(boundary).Append("--\r\n");
        return b.ToString();
    }

    private static void Header(StringBuilder b, string name, string value)
    {
        MailRules.EnsureHeaderSafe(value, name);
        b.Append(name).Append(": ").Append(value).Append("\r\n");
    }

    private static void Part(StringBuilder b, string boundary, string contentType, string body)
    {
        b.Append("--").Append(boundary).Append("\r\n");
        b.Append("Content-Type: ").Append(contentType).Append("; charset=utf-8\r\n");
        b.Append("Content-Transfer-Encoding: base64\r\n\r\n");
        var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(body));
        for (var i = 0; i < base64.Length; i += 76)
        {
            b.Append(base64.AsSpan(i, Math.Min(76, base64.Length - i))).Append("\r\n");
        }
    }

    private static string Address(Recipient r) =>
        string.IsNullOrEmpty(r.Name) ? $"<{r.Email}>" : $"{EncodeWord(r.Name)} <{r.Email}>";

    // Unstructured headers (Subject, X-…) take printable ASCII as it is: quotes would show up in the reader's client.
    private static string Unstructured(string value) =>
        value.All(c => c is >= ' ' and <= '~') && !value.Contains("=?", StringComparison.Ordinal)
            ? value
            : $"=?utf-8?B?{Convert.ToBase64String(Encoding.UTF8.GetBytes(value))}?=";

    private static string EncodeWord(string value) =>
        value.All(c => c is >= ' ' and <= '~') && !value.Contains("=?", StringComparison.Ordinal)
            ? (value.AsSpan().IndexOfAny("\",;:<>@()[]\\") >= 0 ? Quote(value) : value)
            : $"=?utf-8?B?{Convert.ToBase64String(Encoding.UTF8.GetBytes(value))}?=";

    private static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
