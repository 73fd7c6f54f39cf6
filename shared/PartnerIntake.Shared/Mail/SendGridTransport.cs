using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SendGrid;

namespace PartnerIntake.Shared.Mail;

/// <summary>
/// SendGrid v3 mail/send with the official <see cref="SendGridClient"/>, over the named HttpClient whose resilience
/// handler retries (<see cref="SendGridResilience"/>). Still transient after the retries: an
/// <see cref="HttpRequestException"/> (or the handler's timeout); any other refusal: <see cref="MailRejectedException"/>.
/// </summary>
public sealed partial class SendGridTransport(
    IHttpClientFactory httpClients, IOptions<MailOptions> mail, IOptions<SendGridOptions> options, ILogger<SendGridTransport> logger) : IMailTransport
{
    private static readonly Func<ILogger, string, IDisposable?> MailScope = LoggerMessage.DefineScope<string>("Mail {OutboxId}");

    private readonly Recipient from = new(mail.Value.FromEmail, mail.Value.FromName);
    private readonly int maxRetries = options.Value.MaxRetries;
    private readonly SendGridClientOptions clientOptions = new() { ApiKey = options.Value.ApiKey, Host = options.Value.BaseUrl };

    public async Task<string?> SendAsync(OutboundMail message, CancellationToken cancellationToken)
    {
        var body = SendGridMail.Create(message, from);

        // The handler logs each retry; the scope tells which mail it was for.
        using var scope = MailScope(logger, message.OutboxId);

        // A client per send over the factory's pooled handlers, as IHttpClientFactory intends for a long-lived service.
        var client = new SendGridClient(httpClients.CreateClient(SendGridServices.HttpClientName), clientOptions);
        var response = await client.SendEmailAsync(body, cancellationToken);
        using var content = response.Body;
        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            // 202 queued (200 in sandbox mode). The id lets webhook events be matched to the outbox record.
            return response.Headers.TryGetValues("X-Message-Id", out var ids) ? ids.FirstOrDefault() : null;
        }

        if (SendGridResilience.IsTransient(response.StatusCode))
        {
            throw new HttpRequestException($"SendGrid still answered {status} after {maxRetries} retries.", null, response.StatusCode);
        }

        var fields = await ErrorFieldsAsync(content, cancellationToken);
        LogRejected(message.OutboxId, status, fields);
        throw new MailRejectedException($"SendGrid rejected message {message.OutboxId} with {status} (fields: {fields}).", status);
    }

    /// <summary>Only the field names of SendGrid's errors: its messages may quote addresses.</summary>
    private static async Task<string> ErrorFieldsAsync(HttpContent content, CancellationToken cancellationToken)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(await content.ReadAsStreamAsync(cancellationToken), default, cancellationToken);
            var fields = document.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array
                ? errors.EnumerateArray()
                    .Select(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("field", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null)
                    .OfType<string>()
                    .Select(f => f.Length > 100 ? f[..100] : f)
                    .Distinct()
                    .Take(10)
                    .ToList()
                : [];
            return fields.Count == 0 ? "none given" : string.Join(", ", fields);
        }
        catch (JsonException)
        {
            return "none given";
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "SendGrid rejected mail {OutboxId} with {Status} (fields: {Fields}); it will not be retried as it is")]
    private partial void LogRejected(string outboxId, int status, string fields);
}
