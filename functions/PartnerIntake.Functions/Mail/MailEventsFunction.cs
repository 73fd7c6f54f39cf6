using Microsoft.Azure.Functions.Worker;
using PartnerIntake.Functions.Hosting;
using PartnerIntake.Shared.Mail;

namespace PartnerIntake.Functions.Mail;

/// <summary>
/// MailEvents (POST /api/mail/events): SendGrid's signed Event Webhook. Anonymous at the HTTP level; the ECDSA
/// signature over timestamp + raw body is the authentication. 503 while no public key is configured (SendGrid keeps
/// retrying for 24 h, so nothing is lost while it is being set up), 401 for a missing, wrong or stale signature,
/// 413 over 1 MiB, 400 for a body that is not a JSON array, else 200 with what was stored.
/// </summary>
public sealed partial class MailEventsFunction(SignedWebhook webhook, MailEventIngest ingest, TimeProvider time, ILogger<MailEventsFunction> logger)
{
    public const int MaxBodyBytes = 1024 * 1024;
    public const string SignatureHeader = "X-Twilio-Email-Event-Webhook-Signature";
    public const string TimestampHeader = "X-Twilio-Email-Event-Webhook-Timestamp";

    [Function("MailEvents")]
    public async Task<IResult> ReceiveAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "mail/events")] HttpRequest request, CancellationToken cancellationToken)
    {
        if (!webhook.IsConfigured)
        {
            LogNotConfigured();
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The mail event webhook is not configured",
                detail: "Set SendGrid__WebhookPublicKey.");
        }

        // The signature covers the bytes exactly as received: read them raw, never through a model binder.
        var body = await BoundedBody.ReadAsync(request, MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Event batch too large");
        }

        var now = time.GetUtcNow();
        var check = webhook.Check(request.Headers[TimestampHeader].ToString(), body, request.Headers[SignatureHeader].ToString(), now);
        if (check != WebhookCheck.Valid)
        {
            LogRefused(check, body.Length);
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Invalid webhook signature");
        }

        if (!BoundedBody.IsUtf8(body) || MailEventParser.Parse(body, now) is not { } parsed)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The body is not a JSON array of events");
        }

        return TypedResults.Ok(await ingest.ProcessAsync(parsed.Events, parsed.Skipped, cancellationToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail event webhook post refused: SendGrid__WebhookPublicKey is not set")]
    private partial void LogNotConfigured();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail event webhook post refused: {Check} ({Bytes} bytes)")]
    private partial void LogRefused(WebhookCheck check, int bytes);
}
