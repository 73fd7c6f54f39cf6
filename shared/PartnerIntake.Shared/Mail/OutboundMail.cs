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
    string Language);

public interface IMailTransport
{
    /// <summary>Hands the message to the provider; returns the provider's message id, if any.</summary>
    Task<string?> SendAsync(OutboundMail mail, CancellationToken cancellationToken);
}

/// <summary>The provider refused the message for good (a 4xx other than 429): retrying will not help.</summary>
public sealed class MailRejectedException(string message) : Exception(message);

/// <summary>Another worker is sending this message right now; try again later.</summary>
public sealed class MailInFlightException(string outboxId) : Exception($"Mail {outboxId} is being sent by another worker.");

public sealed class MailOptions
{
    public string FromEmail { get; set; } = "partnerships@example.org";

    public string FromName { get; set; } = "Wikimedia Partnerships";

    /// <summary>Where the local transport writes .eml files; relative paths are resolved against the repository root.</summary>
    public string OutboxPath { get; set; } = ".data/outbox";
}

public sealed class SendGridOptions
{
    /// <summary>When set, mail goes through SendGrid instead of the local outbox folder.</summary>
    public string? ApiKey { get; set; }

    public string BaseUrl { get; set; } = "https://api.sendgrid.com";

    public int MaxRetries { get; set; } = 5;
}
