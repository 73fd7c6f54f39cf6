using Microsoft.Extensions.Options;

namespace PartnerIntake.Shared.Mail;

/// <summary>Writes each message as {outboxId}.eml into the outbox folder: the local stand-in for SendGrid.</summary>
public sealed class LocalOutboxTransport(IOptions<MailOptions> options, TimeProvider time) : IMailTransport
{
    public string Folder { get; } = Path.GetFullPath(options.Value.OutboxPath);

    public async Task<string?> SendAsync(OutboundMail mail, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        var content = MimeMessage.Write(mail, new Recipient(options.Value.FromEmail, options.Value.FromName), time.GetUtcNow());
        var target = Path.Combine(Folder, mail.OutboxId + ".eml");

        // Write aside, then rename: a crash never leaves half a message, and a resend replaces, never duplicates.
        var temp = Path.Combine(Folder, $".{mail.OutboxId}.{Guid.NewGuid():N}.tmp");
        await File.WriteAllTextAsync(temp, content, cancellationToken);
        File.Move(temp, target, overwrite: true);
        return null;
    }
}
