using System.Text.Json;
using System.Text.Json.Serialization;

namespace PartnerIntake.Shared.Mail;

/// <summary>The v3 mail/send body. Text before HTML, as SendGrid requires; built by the serializer, never by string concatenation.</summary>
public sealed record SendGridRequest(
    IReadOnlyList<SendGridRequest.Personalization> Personalizations,
    SendGridRequest.Address From,
    string Subject,
    IReadOnlyList<SendGridRequest.Part> Content,
    IReadOnlyList<string> Categories,
    IReadOnlyDictionary<string, string> Headers,
    SendGridRequest.TrackingOptions TrackingSettings)
{
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

    public static SendGridRequest Create(OutboundMail mail, Recipient from)
    {
        MimeMessage.EnsureHeaderSafe(mail.Subject, "Subject");
        return new SendGridRequest(
            [new Personalization([new Address(mail.To.Email, SafeName(mail.To.Name))], new Dictionary<string, string> { ["outbox_id"] = mail.OutboxId })],
            new Address(from.Email, SafeName(from.Name)),
            mail.Subject,
            [new Part("text/plain", mail.Text), new Part("text/html", mail.Html)],
            [mail.Kind],
            new Dictionary<string, string> { ["X-Entity-Ref-ID"] = mail.OutboxId },
            new TrackingOptions(new Toggle(false), new Toggle(false)));
    }

    // SendGrid refuses ';' and ',' in names; line breaks would be header injection.
    private static string? SafeName(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        MimeMessage.EnsureHeaderSafe(name, "Name");
        return name.Replace(';', ' ').Replace(',', ' ');
    }
}
