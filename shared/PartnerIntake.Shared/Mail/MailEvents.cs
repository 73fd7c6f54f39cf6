using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PartnerIntake.Shared.Recognition;

namespace PartnerIntake.Shared.Mail;

/// <summary>SendGrid Event Webhook event names (the <c>event</c> field).</summary>
public static class MailEventTypes
{
    public const string Processed = "processed";
    public const string Deferred = "deferred";
    public const string Delivered = "delivered";
    public const string Bounce = "bounce";
    public const string Dropped = "dropped";

    /// <summary>Where a delivery event leaves the message; higher never goes back to lower. Engagement events (open, click, …) are not delivery.</summary>
    public static int? DeliveryRank(string type) => type switch
    {
        Processed => 0,
        Deferred => 1,
        Delivered or Bounce or Dropped => 2,
        _ => null,
    };

    /// <summary>Whether an event of <paramref name="type"/> at <paramref name="at"/> replaces the delivery status the outbox record holds.</summary>
    public static bool Supersedes(string type, DateTimeOffset at, string? currentType, DateTimeOffset? currentAt)
    {
        if (DeliveryRank(type) is not { } rank)
        {
            return false;
        }

        if (currentType is null || DeliveryRank(currentType) is not { } currentRank)
        {
            return true;
        }

        // Events arrive out of order: a late "processed" never undoes "delivered", but a later bounce replaces it.
        return rank > currentRank || (rank == currentRank && at >= (currentAt ?? DateTimeOffset.MinValue));
    }

    public static bool IsBounceOrDrop(string type) => type is Bounce or Dropped;
}

/// <summary>One event of the webhook, reduced to what we keep: no recipient address.</summary>
public sealed record MailEvent(
    string EventId,
    string Type,
    DateTimeOffset At,
    string? OutboxId,
    string? MessageId,
    string? DonationId,
    string? Reason,
    string? SmtpStatus,
    string? BounceType)
{
    /// <summary>The outbox id; without one (mail not sent by us), the X-Message-Id part of sg_message_id.</summary>
    public string Partition =>
        OutboxId ?? (MessageId is { Length: > 0 } id ? "sg-" + id.Split('.')[0] : "unknown");
}

/// <summary>Parses the webhook body: a JSON array of event objects. Our custom args come back as top-level keys.</summary>
public static partial class MailEventParser
{
    public const string DonationIdArg = "donation_id";
    private const int MaxIdLength = 512;
    private const int MaxReasonLength = 1000;

    /// <returns>The events and how many elements were skipped (no sg_event_id or event); null when the body is not a JSON array.</returns>
    public static (IReadOnlyList<MailEvent> Events, int Skipped)? Parse(ReadOnlySpan<byte> body, DateTimeOffset receivedAt)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 16 });
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException)
        {
            return null;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var events = new List<MailEvent>();
            var skipped = 0;
            foreach (var element in document.RootElement.EnumerateArray())
            {
                var parsed = element.ValueKind == JsonValueKind.Object ? ParseOne(element, receivedAt) : null;
                if (parsed is null)
                {
                    skipped++;
                }
                else
                {
                    events.Add(parsed);
                }
            }

            return (events, skipped);
        }
    }

    private static MailEvent? ParseOne(JsonElement e, DateTimeOffset receivedAt)
    {
        var id = Id(e, "sg_event_id");
        var type = Id(e, "event");
        if (id is null || type is null)
        {
            return null;
        }

        var at = receivedAt;
        if (e.TryGetProperty("timestamp", out var ts) && ts.ValueKind == JsonValueKind.Number && ts.TryGetInt64(out var seconds)
            && seconds is > 0 and < 253402300799)
        {
            at = DateTimeOffset.FromUnixTimeSeconds(seconds);
        }

        return new MailEvent(
            id,
            type.ToLowerInvariant(),
            at,
            Id(e, MailRules.OutboxIdArg),
            Id(e, "sg_message_id"),
            Id(e, DonationIdArg),
            Redact(Text(e, "reason") ?? Text(e, "response")),
            Text(e, "status"),
            Text(e, "type"));
    }

    private static string? Id(JsonElement e, string name) =>
        Text(e, name) is { Length: > 0 and <= MaxIdLength } value && !value.Any(char.IsControl) ? value : null;

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>SMTP answers often quote the recipient: addresses become [address]; long answers are cut.</summary>
    private static string? Redact(string? reason)
    {
        if (string.IsNullOrEmpty(reason))
        {
            return null;
        }

        var redacted = AddressPattern().Replace(reason, "[address]");
        return redacted.Length > MaxReasonLength ? redacted[..MaxReasonLength] : redacted;
    }

    [GeneratedRegex(@"[^\s<>""'()\[\],;:]+@[^\s<>""'()\[\],;:]+", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex AddressPattern();
}

public enum WebhookCheck
{
    Valid,
    MissingSignature,
    InvalidSignature,
    StaleTimestamp,
}

/// <summary>
/// The Event Webhook's signature: base64 DER ECDSA P-256/SHA-256 over the timestamp header followed by the raw body,
/// exactly as received, with the base64 SubjectPublicKeyInfo from SendGrid's settings.
/// </summary>
public sealed class WebhookSignatureVerifier
{
    private readonly byte[] publicKey;

    /// <exception cref="FormatException">Not base64.</exception>
    /// <exception cref="CryptographicException">Not an ECDSA SubjectPublicKeyInfo.</exception>
    public WebhookSignatureVerifier(string publicKeyBase64)
    {
        publicKey = Convert.FromBase64String(publicKeyBase64.Trim());
        using var probe = Import(); // fail now, not on the first post
    }

    public static bool IsValidKey(string? publicKeyBase64)
    {
        if (string.IsNullOrWhiteSpace(publicKeyBase64))
        {
            return true; // not configured is valid: the endpoint then answers 503
        }

        try
        {
            _ = new WebhookSignatureVerifier(publicKeyBase64);
            return true;
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            return false;
        }
    }

    /// <summary>The signature alone: true when <paramref name="signatureBase64"/> signs timestamp + body.</summary>
    public bool Verify(string timestamp, ReadOnlySpan<byte> body, string signatureBase64)
    {
        var signature = new byte[signatureBase64.Length];
        if (!Convert.TryFromBase64String(signatureBase64.Trim(), signature, out var length) || length == 0)
        {
            return false;
        }

        var signed = new byte[Encoding.UTF8.GetByteCount(timestamp) + body.Length];
        var written = Encoding.UTF8.GetBytes(timestamp, signed);
        body.CopyTo(signed.AsSpan(written));

        // A key object per call: ECDsa instances are not documented as safe for concurrent use, and import is cheap.
        using var key = Import();
        try
        {
            return key.VerifyData(signed, signature.AsSpan(0, length), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false; // not a DER signature at all
        }
    }

    /// <summary>Signature and, when <paramref name="maxSkew"/> is positive, the timestamp's distance from <paramref name="now"/>.</summary>
    public WebhookCheck Check(string? timestamp, ReadOnlySpan<byte> body, string? signatureBase64, DateTimeOffset now, TimeSpan maxSkew)
    {
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signatureBase64))
        {
            return WebhookCheck.MissingSignature;
        }

        if (!Verify(timestamp, body, signatureBase64))
        {
            return WebhookCheck.InvalidSignature;
        }

        if (maxSkew > TimeSpan.Zero)
        {
            if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds >= 253402300799)
            {
                return WebhookCheck.StaleTimestamp;
            }

            if ((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > maxSkew)
            {
                return WebhookCheck.StaleTimestamp;
            }
        }

        return WebhookCheck.Valid;
    }

    private ECDsa Import()
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportSubjectPublicKeyInfo(publicKey, out var read);
            if (read != publicKey.Length)
            {
                throw new CryptographicException("Trailing bytes after the public key.");
            }

            return key;
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }
}

/// <summary>The configured webhook key (or none: the endpoint then answers 503) and the allowed timestamp skew.</summary>
public sealed class SignedWebhook(IOptions<SendGridOptions> options)
{
    private readonly WebhookSignatureVerifier? verifier =
        string.IsNullOrWhiteSpace(options.Value.WebhookPublicKey) ? null : new WebhookSignatureVerifier(options.Value.WebhookPublicKey);

    public bool IsConfigured => verifier is not null;

    public WebhookCheck Check(string? timestamp, ReadOnlySpan<byte> body, string? signature, DateTimeOffset now) =>
        verifier is null
            ? throw new InvalidOperationException("The event webhook has no public key.")
            : verifier.Check(timestamp, body, signature, now, TimeSpan.FromSeconds(Math.Max(0, options.Value.WebhookMaxSkewSeconds)));
}

public enum MailEventAdd
{
    /// <summary>First time seen: stored, not yet applied.</summary>
    New,

    /// <summary>Stored by an earlier post whose processing did not finish: apply again.</summary>
    SeenNotApplied,

    /// <summary>Stored and applied before: nothing to do.</summary>
    SeenApplied,
}

/// <summary>The MailEvents table: one row per sg_event_id, which is what makes SendGrid's retries harmless.</summary>
public interface IMailEventStore
{
    Task<MailEventAdd> AddAsync(MailEvent mailEvent, DateTimeOffset receivedAt, CancellationToken cancellationToken);

    Task MarkAppliedAsync(MailEvent mailEvent, CancellationToken cancellationToken);
}

/// <summary>The delivery status kept on the outbox record (DeliveryStatus, DeliveryAt).</summary>
public interface IMailDeliveryStatus
{
    /// <returns>False when there is no such outbox record or a newer status is already there.</returns>
    Task<bool> RecordDeliveryAsync(string outboxId, string eventType, DateTimeOffset at, CancellationToken cancellationToken);
}

public sealed record MailEventsOutcome(int Stored, int Duplicates, int Skipped);

/// <summary>
/// Applies verified webhook events: stores each once (by sg_event_id), moves the outbox record's delivery status
/// forward, and flags the donation of a bounced or dropped recognition notice. An event is marked applied only
/// after all of that, so a retried post finishes what a failed one started; FlagBouncedAsync is therefore at least once.
/// </summary>
public sealed partial class MailEventIngest(
    IMailEventStore store,
    IMailDeliveryStatus delivery,
    IDonationBounces bounces,
    TimeProvider time,
    ILogger<MailEventIngest> logger)
{
    /// <summary>Messages are processed in parallel, the events of one message in order.</summary>
    public const int Parallelism = 8;

    public async Task<MailEventsOutcome> ProcessAsync(IReadOnlyList<MailEvent> events, int skipped, CancellationToken cancellationToken)
    {
        var receivedAt = time.GetUtcNow();
        var stored = 0;
        var duplicates = 0;
        var groups = events.GroupBy(e => e.Partition, StringComparer.Ordinal).ToList();
        await Parallel.ForEachAsync(groups, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (group, token) =>
            {
                foreach (var mailEvent in group.OrderBy(e => e.At))
                {
                    var added = await store.AddAsync(mailEvent, receivedAt, token);
                    if (added == MailEventAdd.New)
                    {
                        Interlocked.Increment(ref stored);
                    }
                    else
                    {
                        Interlocked.Increment(ref duplicates);
                    }

                    if (added != MailEventAdd.SeenApplied)
                    {
                        await ApplyAsync(mailEvent, token);
                        await store.MarkAppliedAsync(mailEvent, token);
                    }
                }
            });

        LogBatch(stored, duplicates, skipped);
        return new MailEventsOutcome(stored, duplicates, skipped);
    }

    private async Task ApplyAsync(MailEvent mailEvent, CancellationToken cancellationToken)
    {
        if (mailEvent.OutboxId is not null && MailEventTypes.DeliveryRank(mailEvent.Type) is not null)
        {
            await delivery.RecordDeliveryAsync(mailEvent.OutboxId, mailEvent.Type, mailEvent.At, cancellationToken);
        }

        if (MailEventTypes.IsBounceOrDrop(mailEvent.Type))
        {
            LogUndelivered(mailEvent.Partition, mailEvent.Type, mailEvent.BounceType ?? "-");
            if (mailEvent.DonationId is not null)
            {
                await bounces.FlagBouncedAsync(mailEvent.DonationId, mailEvent.Type, mailEvent.At, cancellationToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail events: {Stored} stored, {Duplicates} seen before, {Skipped} skipped")]
    private partial void LogBatch(int stored, int duplicates, int skipped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail {OutboxId} was not delivered: {Event} ({BounceType})")]
    private partial void LogUndelivered(string outboxId, string @event, string bounceType);
}

/// <summary>
/// Stand-in until the recognition feature registers its own <see cref="IDonationBounces"/>, which replaces this one
/// (it is added with TryAdd). Bounces are still stored in MailEvents and on the outbox record.
/// </summary>
public sealed class NoDonationBounces : IDonationBounces
{
    public Task FlagBouncedAsync(string donationId, string eventType, DateTimeOffset at, CancellationToken cancellationToken) => Task.CompletedTask;
}

public static class MailEventsServiceCollectionExtensions
{
    /// <summary>The webhook's verifier and ingest (the storage adapters are registered with the others).</summary>
    public static IServiceCollection AddMailEvents(this IServiceCollection services)
    {
        services.AddOptions<SendGridOptions>()
            .Validate(o => WebhookSignatureVerifier.IsValidKey(o.WebhookPublicKey),
                "SendGrid:WebhookPublicKey must be the base64 SubjectPublicKeyInfo of an ECDSA (P-256) key, as SendGrid shows it.")
            .ValidateOnStart();
        services.AddSingleton<SignedWebhook>();
        services.AddSingleton<MailEventIngest>();
        services.TryAddSingleton<IDonationBounces, NoDonationBounces>();
        return services;
    }
}
