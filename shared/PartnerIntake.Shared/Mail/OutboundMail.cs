using System.Text;
using System.Text.Json;

namespace PartnerIntake.Shared.Mail;

public sealed record Recipient(string Email, string? Name);

/// <summary>A rendered message with the deterministic outbox id that makes sending it idempotent.</summary>
public sealed record OutboundMail(
    string OutboxId,
    string Kind,
    Recipient To,
    string Subject,
    string Text,
    string Html,
    string Language)
{
    /// <summary>Where answers should go, when not to the sender.</summary>
    public Recipient? ReplyTo { get; init; }

    /// <summary>
    /// Extra header lines, e.g. <c>List-Unsubscribe</c> and <c>List-Unsubscribe-Post: List-Unsubscribe=One-Click</c>.
    /// Printable ASCII only; addressing and MIME headers are refused (see <see cref="MailRules"/>).
    /// </summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>
    /// Values SendGrid hands back on every event of this message (e.g. <c>donation_id</c>); <c>outbox_id</c> is always
    /// added. Never personal data: they travel through SendGrid's systems and come back in webhooks.
    /// </summary>
    public IReadOnlyDictionary<string, string>? CustomArgs { get; init; }
}

public interface IMailTransport
{
    /// <summary>Hands the message to the provider; returns the provider's message id, if any.</summary>
    Task<string?> SendAsync(OutboundMail mail, CancellationToken cancellationToken);
}

/// <summary>
/// The message was refused for good: by the provider (a 4xx other than 429, <see cref="StatusCode"/> set) or before
/// sending because it is malformed (a line break in a header, a reserved header, too long). Retrying will not help.
/// </summary>
public sealed class MailRejectedException(string message, int? statusCode = null) : Exception(message)
{
    public int? StatusCode { get; } = statusCode;
}

/// <summary>Another worker is sending this message right now; try again later.</summary>
public sealed class MailInFlightException(string outboxId) : Exception($"Mail {outboxId} is being sent by another worker.");

public sealed class MailOptions
{
    public string FromEmail { get; set; } = "partnerships@example.org";

    public string FromName { get; set; } = "Wikimedia Partnerships";

    /// <summary>
    /// Where replies to mails to movement entities go before the entity accepts (the partnerships team's mailbox);
    /// empty: <see cref="FromEmail"/>. Once an entity accepts, its mails carrying the partner's contact reply to the partner.
    /// </summary>
    public string? ReplyToEmail { get; set; }

    /// <summary>Where the local transport writes .eml files; relative paths are resolved against the repository root.</summary>
    public string OutboxPath { get; set; } = ".data/outbox";
}

public sealed class SendGridOptions
{
    /// <summary>When set, mail goes through SendGrid instead of the local outbox folder.</summary>
    public string? ApiKey { get; set; }

    public string BaseUrl { get; set; } = "https://api.sendgrid.com";

    /// <summary>Retries of 429, 5xx, transport errors and timeouts (not counting the first attempt).</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>The first backoff delay; it doubles per retry (±20 % jitter), capped at 30 s. Tests make it small.</summary>
    public int BaseDelayMs { get; set; } = 1000;

    /// <summary>How long one attempt may take before it counts as a timeout (and is retried).</summary>
    public int AttemptTimeoutSeconds { get; set; } = 30;

    /// <summary>The Event Webhook's verification key: base64 SubjectPublicKeyInfo (ECDSA P-256) from SendGrid's settings.</summary>
    public string? WebhookPublicKey { get; set; }

    /// <summary>
    /// How far the signed webhook timestamp may be from now before a post is refused; 0 turns the check off. The default
    /// covers SendGrid's 24-hour retry window, because SendGrid does not document whether a retry is signed afresh; a
    /// replayed event changes nothing anyway (events are deduplicated by sg_event_id).
    /// </summary>
    public int WebhookMaxSkewSeconds { get; set; } = 25 * 60 * 60;
}

/// <summary>
/// What may reach a header line or SendGrid's custom_args. Everything is checked before sending (by both
/// transports): a failure is a <see cref="MailRejectedException"/>, so nothing half-valid ever leaves.
/// </summary>
public static class MailRules
{
    public const int MaxSubjectLength = 900;
    public const int MaxNameLength = 256;
    public const int MaxEmailLength = 254;
    public const int MaxHeaders = 20;
    public const int MaxHeaderNameLength = 76;
    public const int MaxHeaderValueLength = 900;
    public const int MaxCustomArgs = 20;
    public const int MaxCustomArgKeyLength = 64;
    public const int MaxCustomArgValueLength = 500;

    /// <summary>SendGrid's limit is 10,000 bytes for the serialized custom_args.</summary>
    public const int MaxCustomArgsBytes = 9_000;
    public const int MaxCategoryLength = 255;

    /// <summary>The custom arg every message carries: it links webhook events to the outbox record.</summary>
    public const string OutboxIdArg = "outbox_id";

    // SendGrid refuses these in "headers"; the transports set them themselves from the message (SendGridMail, LocalOutboxTransport).
    private static readonly HashSet<string> ReservedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "To", "From", "Subject", "Reply-To", "Cc", "Bcc", "Sender", "Date", "Message-ID", "MIME-Version",
        "Content-Type", "Content-Transfer-Encoding", "Content-Language", "Received", "DKIM-Signature", "Return-Path",
        "x-sg-id", "x-sg-eid", "X-Entity-Ref-ID",
    };

    // Custom args come back as top-level keys of webhook events: they must not shadow SendGrid's own fields.
    private static readonly HashSet<string> ReservedArgs = new(StringComparer.Ordinal)
    {
        OutboxIdArg, "email", "event", "timestamp", "sg_event_id", "sg_message_id", "smtp-id", "category", "reason", "status",
        "type", "response", "attempt", "ip", "url", "useragent", "tls", "cert_err", "asm_group_id", "marketing_campaign_id",
    };

    /// <summary>Checks the whole message and the sender; throws <see cref="MailRejectedException"/> naming the first problem (never its value).</summary>
    public static void EnsureValid(OutboundMail mail, Recipient from)
    {
        Address(from, "from");
        Address(mail.To, "to");
        if (mail.ReplyTo is not null)
        {
            Address(mail.ReplyTo, "reply_to");
        }

        HeaderText(mail.Subject, "subject", MaxSubjectLength);
        if (mail.Subject.Trim().Length == 0)
        {
            Reject("subject is empty");
        }

        HeaderText(mail.Kind, "kind (category)", MaxCategoryLength);
        HeaderText(mail.OutboxId, "outbox id", MaxCustomArgValueLength);
        HeaderText(mail.Language, "language", 35);

        var headers = mail.Headers ?? new Dictionary<string, string>();
        if (headers.Count > MaxHeaders)
        {
            Reject($"more than {MaxHeaders} extra headers");
        }

        foreach (var (name, value) in headers)
        {
            if (name.Length is 0 or > MaxHeaderNameLength || !name.All(c => c is > ' ' and <= '~' and not ':'))
            {
                Reject("an extra header has an invalid name");
            }

            if (ReservedHeaders.Contains(name) || name.StartsWith("X-PartnerIntake-", StringComparison.OrdinalIgnoreCase))
            {
                Reject($"the extra header {name} is reserved");
            }

            if (value.Length > MaxHeaderValueLength || !value.All(c => c is >= ' ' and <= '~'))
            {
                Reject($"the extra header {name} is too long or not printable ASCII on one line");
            }
        }

        var args = mail.CustomArgs ?? new Dictionary<string, string>();
        if (args.Count > MaxCustomArgs)
        {
            Reject($"more than {MaxCustomArgs} custom args");
        }

        foreach (var (key, value) in args)
        {
            if (key.Length is 0 or > MaxCustomArgKeyLength || !key.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_'))
            {
                Reject("a custom arg name is not [a-z0-9_]{1,64}");
            }

            if (ReservedArgs.Contains(key))
            {
                Reject($"the custom arg {key} is reserved");
            }

            // A cheap guard against the commonest personal data: no e-mail addresses in what SendGrid echoes back.
            if (value.Length > MaxCustomArgValueLength || value.Contains('@', StringComparison.Ordinal) || value.Any(char.IsControl))
            {
                Reject($"the custom arg {key} is too long, contains '@' or a control character");
            }
        }

        if (Encoding.UTF8.GetByteCount(JsonSerializer.Serialize(CustomArgs(mail))) > MaxCustomArgsBytes)
        {
            Reject("custom args are too large");
        }
    }

    /// <summary>The custom args sent with the message: <c>outbox_id</c> first, then the message's own.</summary>
    public static IReadOnlyDictionary<string, string> CustomArgs(OutboundMail mail)
    {
        var args = new Dictionary<string, string>(StringComparer.Ordinal) { [OutboxIdArg] = mail.OutboxId };
        foreach (var (key, value) in mail.CustomArgs ?? new Dictionary<string, string>())
        {
            args[key] = value;
        }

        return args;
    }

    /// <summary>Rejects what would let a value break out of its header line.</summary>
    public static void EnsureHeaderSafe(string value, string what)
    {
        if (value.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
        {
            Reject($"{what} contains a line break or NUL");
        }
    }

    private static void Address(Recipient recipient, string what)
    {
        HeaderText(recipient.Email, what + ".email", MaxEmailLength);
        if (!System.Net.Mail.MailAddress.TryCreate(recipient.Email, out var parsed) || parsed.Address != recipient.Email)
        {
            Reject($"{what}.email is not a plain e-mail address");
        }

        if (recipient.Name is not null)
        {
            HeaderText(recipient.Name, what + ".name", MaxNameLength);
        }
    }

    private static void HeaderText(string value, string what, int maxLength)
    {
        EnsureHeaderSafe(value, what);
        if (value.Length > maxLength)
        {
            Reject($"{what} is longer than {maxLength} characters");
        }
    }

    private static void Reject(string problem) => throw new MailRejectedException($"The message cannot be sent: {problem}.");
}
