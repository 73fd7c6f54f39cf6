using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using MimeKit;

namespace PartnerIntake.Shared.Mail;

/// <summary>
/// Writes each message as {outboxId}.eml into the outbox folder: the local stand-in for SendGrid. The same checks as the
/// SendGrid request (<see cref="MailRules"/>), the extra headers as they are, and the custom args as
/// <c>X-PartnerIntake-Arg-{name}</c> headers, so a local run shows everything SendGrid would get.
/// </summary>
public sealed class LocalOutboxTransport(IOptions<MailOptions> options, TimeProvider time) : IMailTransport
{
    // CRLF whatever the machine. Values are folded at 60, not MimeKit's 78: MimeKit counts é or ó as one byte of UTF-8 and
    // leaves the field name out of the first line, so at 78 ordinary Polish or French subjects get encoded words longer
    // than RFC 2047's 75 characters and lines longer than 78.
    private static readonly FormatOptions Format = new() { NewLineFormat = NewLineFormat.Dos, MaxLineLength = 60 };

    public string Folder { get; } = Path.GetFullPath(options.Value.OutboxPath);

    public async Task<string?> SendAsync(OutboundMail mail, CancellationToken cancellationToken)
    {
        using var message = Compose(mail, new Recipient(options.Value.FromEmail, options.Value.FromName), time.GetUtcNow());
        Directory.CreateDirectory(Folder);
        var target = Path.Combine(Folder, mail.OutboxId + ".eml");

        // Write aside, then rename: a crash never leaves half a message, and a resend replaces, never duplicates.
        var temp = Path.Combine(Folder, $".{mail.OutboxId}.{Guid.NewGuid():N}.tmp");
        await using (var file = File.Create(temp))
        {
            await message.WriteToAsync(Format, file, cancellationToken);
        }

        File.Move(temp, target, overwrite: true);
        return null;
    }

    private static MimeMessage Compose(OutboundMail mail, Recipient from, DateTimeOffset date)
    {
        MailRules.EnsureValid(mail, from);
        var message = new MimeMessage { Date = date, MessageId = $"{mail.OutboxId}@partnerintake.local" };
        Set(message, HeaderId.From, Address(from));
        Set(message, HeaderId.To, Address(mail.To));
        if (mail.ReplyTo is not null)
        {
            Set(message, HeaderId.ReplyTo, Address(mail.ReplyTo));
        }

        Set(message, HeaderId.Subject, mail.Subject);
        message.Headers.Add(HeaderId.ContentLanguage, mail.Language);
        message.Headers.Add("X-PartnerIntake-Kind", mail.Kind);
        message.Headers.Add("X-PartnerIntake-Outbox-Id", mail.OutboxId);
        foreach (var (name, value) in mail.CustomArgs ?? new Dictionary<string, string>())
        {
            var arg = new Header("X-PartnerIntake-Arg-" + name, "");
            arg.SetValue(Format, Encoding.UTF8, value);
            message.Headers.Add(arg);
        }

        foreach (var (name, value) in mail.Headers ?? new Dictionary<string, string>())
        {
            // Printable ASCII on one line (MailRules): written as it is, never folded or encoded (List-Unsubscribe's URL).
            var header = new Header(name, "");
            header.SetRawValue(Encoding.ASCII.GetBytes(" " + value + "\r\n"));
            message.Headers.Add(header);
        }

        // The boundary follows from the outbox id, so writing the same message again gives the same file.
        var boundary = "=_pi_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(mail.OutboxId)))[..24];
        var body = new MultipartAlternative { Part("plain", mail.Text), Part("html", mail.Html) };
        body.Boundary = boundary;
        message.Body = body;
        return message;
    }

    private static void Set(MimeMessage message, HeaderId id, string value)
    {
        var header = new Header(id, "");
        header.SetValue(Format, Encoding.UTF8, value);
        message.Headers.Replace(header);
    }

    private static string Address(Recipient r) => new MailboxAddress(r.Name, r.Email).ToString();

    private static TextPart Part(string subtype, string body)
    {
        var part = new TextPart(subtype) { ContentTransferEncoding = ContentEncoding.Base64 };
        part.SetText(Encoding.UTF8, body);
        return part;
    }
}
