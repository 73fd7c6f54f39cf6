using System.Text.Json;
using System.Text.Json.Serialization;

namespace PartnerIntake.Shared.Mail;

/// <summary>
/// The v3 mail/send body. Text before HTML, as SendGrid requires; built by the serializer, never by string
/// concatenation; checked by <see cref="MailRules"/> first (no line breaks in anything that reaches a header).
/// </summary>
public sealed record SendGridRequest(
    IReadOnlyList<SendGridRequest.Personalization> Personalizations,
    SendGridRequest.Address From,
    SendGridRequest.Address? ReplyTo,
    string Subject,
    IReadOnlyList<SendGridRequest.Part> Content,
    IReadOnlyList<string> Categories,
    IReadOnlyDictionary<string, string> Headers,
    SendGridRequest.TrackingOptions TrackingSettings)
{
    /// <summary>snake_case property names (SendGrid's); dictionary keys (headers, custom_args) stay as they are.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public sealed record Address(string Email, string? Name);

    public sealed record Personalization(IReadOnlyList<Address> To, IReadOnlyDictionary<string, string> CustomArgs);

    public sealed record Part(string Type, string Value);

    public sealed record Toggle(bool Enable);

    public sealed record TrackingOptions(Toggle ClickTracking, Toggle OpenTracking);

    /// <exception cref="MailRejectedException">The message breaks a rule (<see cref="MailRules.EnsureValid"/>).</exception>
    public static SendGridRequest Create(OutboundMail mail, Recipient from)
    {
        MailRules.EnsureValid(mail, from);
        var content = new List<Part>(2);
        if (mail.Text.Length > 0)
        {
            content.Add(new Part("text/plain", mail.Text)); // text/plain must come first
        }

        if (mail.Html.Length > 0)
        {
            content.Add(new Part("text/html", mail.Html));
        }

        if (content.Count == 0)
        {
            throw new MailRejectedException("The message cannot be sent: it has neither text nor HTML.");
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["X-Entity-Ref-ID"] = mail.OutboxId };
        foreach (var (name, value) in mail.Headers ?? new Dictionary<string, string>())
        {
            headers[name] = value;
        }

        return new SendGridRequest(
            [new Personalization([ToAddress(mail.To)], MailRules.CustomArgs(mail))],
            ToAddress(from),
            mail.ReplyTo is null ? null : ToAddress(mail.ReplyTo),
            mail.Subject,
            content,
            [mail.Kind],
            headers,
            // Tracking rewrites links (the signed action links must stay as they are) and adds pixels: off.
            new TrackingOptions(new Toggle(false), new Toggle(false)));
    }

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    private static Address ToAddress(Recipient recipient) => new(recipient.Email, SafeName(recipient.Name));

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
}
