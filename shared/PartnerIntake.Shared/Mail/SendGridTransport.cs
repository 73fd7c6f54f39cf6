using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace PartnerIntake.Shared.Mail;

/// <summary>
/// SendGrid v3 mail/send over HttpClient (the SendGrid package does not restore here). Retries 429 (until
/// X-RateLimit-Reset or Retry-After when given, at most <see cref="MaxRateLimitWait"/>) and 5xx, transport errors and
/// per-attempt timeouts with exponential backoff and jitter; any other 4xx is a permanent
/// <see cref="MailRejectedException"/>. All waiting goes through the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed partial class SendGridTransport : IMailTransport
{
    public const string SendPath = "/v3/mail/send";
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan MaxRateLimitWait = TimeSpan.FromMinutes(2);

    private static readonly ResiliencePropertyKey<string> OutboxIdKey = new("outbox-id");

    private readonly HttpClient http;
    private readonly MailOptions mail;
    private readonly SendGridOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<SendGridTransport> logger;
    private readonly Uri endpoint;
    private readonly ResiliencePipeline<HttpResponseMessage> pipeline;

    public SendGridTransport(HttpClient http, IOptions<MailOptions> mail, IOptions<SendGridOptions> options, TimeProvider time, ILogger<SendGridTransport> logger)
    {
        this.http = http;
        this.mail = mail.Value;
        this.options = options.Value;
        this.time = time;
        this.logger = logger;
        endpoint = new Uri(this.options.BaseUrl.TrimEnd('/') + SendPath, UriKind.Absolute);

        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        if (this.options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = this.options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(Math.Max(0, this.options.BaseDelayMs)),
                MaxDelay = MaxBackoff,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
                DelayGenerator = args => ValueTask.FromResult(RateLimitDelay(args.Outcome.Result)),
                OnRetry = args =>
                {
                    LogRetry(args.Context.Properties.GetValue(OutboxIdKey, "?"), Describe(args.Outcome), args.AttemptNumber + 1,
                        (long)args.RetryDelay.TotalMilliseconds);
                    return default;
                },
            });
        }

        // Inside the retry: each attempt gets its own timeout, and a timed-out attempt is retried.
        pipeline = builder.AddTimeout(TimeSpan.FromSeconds(Math.Max(1, this.options.AttemptTimeoutSeconds))).Build();
    }

    public async Task<string?> SendAsync(OutboundMail message, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(SendGridRequest.Create(message, new Recipient(mail.FromEmail, mail.FromName)), SendGridRequest.JsonOptions);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(OutboxIdKey, message.OutboxId);
        HttpResponseMessage response;
        try
        {
            response = await pipeline.ExecuteAsync(
                static async (ctx, state) =>
                {
                    // A fresh request per attempt: a request message cannot be sent twice.
                    using var request = new HttpRequestMessage(HttpMethod.Post, state.Endpoint) { Content = new ByteArrayContent(state.Body) };
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", state.ApiKey);
                    return await state.Http.SendAsync(request, ctx.CancellationToken);
                },
                context,
                (Http: http, Endpoint: endpoint, Body: body, ApiKey: options.ApiKey));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                // 202 queued (200 in sandbox mode). The id lets webhook events be matched to the outbox record.
                return response.Headers.TryGetValues("X-Message-Id", out var ids) ? ids.FirstOrDefault() : null;
            }

            if (IsTransient(response))
            {
                throw new HttpRequestException($"SendGrid still answered {status} after {options.MaxRetries} retries.", null, response.StatusCode);
            }

            var fields = await ErrorFieldsAsync(response, cancellationToken);
            LogRejected(message.OutboxId, status, fields);
            throw new MailRejectedException($"SendGrid rejected message {message.OutboxId} with {status} (fields: {fields}).", status);
        }
    }

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is HttpRequestException or TimeoutRejectedException
        || (outcome.Result is { } response && IsTransient(response));

    private static bool IsTransient(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500;

    /// <summary>For a 429: until X-RateLimit-Reset (Unix seconds) or Retry-After, capped; null = the exponential backoff.</summary>
    private TimeSpan? RateLimitDelay(HttpResponseMessage? response)
    {
        if (response?.StatusCode != HttpStatusCode.TooManyRequests)
        {
            return null;
        }

        var now = time.GetUtcNow();
        TimeSpan? wait = null;
        if (response.Headers.TryGetValues("X-RateLimit-Reset", out var values)
            && long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var reset)
            && reset is > 0 and < 253402300799)
        {
            wait = DateTimeOffset.FromUnixTimeSeconds(reset) - now;
        }
        else if (response.Headers.RetryAfter is { } retryAfter)
        {
            wait = retryAfter.Delta ?? (retryAfter.Date - now);
        }

        if (wait is not { } w || w <= TimeSpan.Zero)
        {
            return null; // no hint, or the window already reset by our clock: back off as for a 5xx
        }

        // A little jitter so that several workers do not all come back in the same instant.
        var jitter = TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Max(0, options.BaseDelayMs) * 0.2);
        return w + jitter > MaxRateLimitWait ? MaxRateLimitWait : w + jitter;
    }

    private static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is { } ex ? ex.GetType().Name : ((int)outcome.Result!.StatusCode).ToString(CultureInfo.InvariantCulture);

    /// <summary>Only the field names of SendGrid's errors: its messages may quote addresses.</summary>
    private static async Task<string> ErrorFieldsAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), default, cancellationToken);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "SendGrid attempt for mail {OutboxId} failed with {Outcome}; retry {Retry} in {DelayMs} ms")]
    private partial void LogRetry(string outboxId, string outcome, int retry, long delayMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "SendGrid rejected mail {OutboxId} with {Status} (fields: {Fields}); it will not be retried as it is")]
    private partial void LogRejected(string outboxId, int status, string fields);
}
