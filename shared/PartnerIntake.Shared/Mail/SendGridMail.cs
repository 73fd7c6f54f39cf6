using SendGrid.Helpers.Mail;

namespace PartnerIntake.Shared.Mail;

/// <summary>
/// An <see cref="OutboundMail"/> as the official client's <see cref="SendGridMessage"/>, checked by
/// <see cref="MailRules"/> first (no line breaks in anything that reaches a header).
/// </summary>
public static class SendGridMail
{
    /// <exception cref="MailRejectedException">The message breaks a rule (<see cref="MailRules.EnsureValid"/>).</exception>
    public static SendGridMessage Create(OutboundMail mail, Recipient from)
    {
        MailRules.EnsureValid(mail, from);
        if (mail.Text.Length == 0 && mail.Html.Length == 0)
        {
            throw new MailRejectedException("The message cannot be sent: it has neither text nor HTML.");
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["X-Entity-Ref-ID"] = mail.OutboxId };
        foreach (var (name, value) in mail.Headers ?? new Dictionary<string, string>())
        {
            headers[name] = value;
        }

        var message = new SendGridMessage
        {
            From = Address(from),
            ReplyTo = mail.ReplyTo is null ? null : Address(mail.ReplyTo),
            Subject = mail.Subject,

            // Serialize() writes text/plain before text/html, as SendGrid requires; null leaves a part out.
            PlainTextContent = mail.Text.Length > 0 ? mail.Text : null,
            HtmlContent = mail.Html.Length > 0 ? mail.Html : null,
            Categories = [mail.Kind],
            Headers = headers,

            // Tracking rewrites links (the signed action links must stay as they are) and adds pixels: off.
            TrackingSettings = new TrackingSettings
            {
                ClickTracking = new ClickTracking { Enable = false },
                OpenTracking = new OpenTracking { Enable = false },
            },
        };
        message.AddTo(Address(mail.To));
        message.AddCustomArgs(new Dictionary<string, string>(MailRules.CustomArgs(mail), StringComparer.Ordinal));
        return message;
    }

    /// <summary>SendGrid refuses ';' and ',' in names: they become spaces (line breaks were refused before).</summary>
    public static string? SafeName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var cleaned = string.Join(' ', name.Split([';', ',', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries));
        return cleaned.Length == 0 ? null : cleaned;
    }

    private static EmailAddress Address(Recipient recipient) => new(recipient.Email, SafeName(recipient.Name));
}
