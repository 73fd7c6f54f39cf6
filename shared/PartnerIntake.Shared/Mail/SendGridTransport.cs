using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace PartnerIntake.Shared.Mail;

/// <summary>
/// SendGrid v3 mail/send over HttpClient (the SendGrid package does not restore here). Retries 429
/// (until X-RateLimit-Reset when given) and 5xx/timeouts with exponential backoff and jitter; any
/// other 4xx is a permanent rejection.
/// </summary>
public sealed class SendGridTransport : IMailTransport
{
    private readonly HttpClient http;
    private readonly MailOptions mail;
    private readonly SendGridOptions options;
    private readonly TimeProvider time;
    private readonly ResiliencePipeline<HttpResponseMessage> pipeline;

    public SendGridTransport(HttpClient http, IOptions<MailOptions> mail, IOptions<SendGridOptions> options, TimeProvider time)
    {
        this.http = http;
        this.mail = mail.Value;
        this.options = options.Value;
        this.time = time;
        pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = this.options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(1),
                MaxDelay = TimeSpan.FromSeconds(30),
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(r => r.StatusCode == HttpStatusCode.TooManyRequests || (int)r.StatusCode >= 500),
                DelayGenerator = args => ValueTask.FromResult(RateLimitDelay(args.Outcome.Result)),
            })
            .AddTimeout(TimeSpan.FromSeconds(30))
            .Build();
    }

    public async Task<string?> SendAsync(OutboundMail message, CancellationToken cancellationToken)
    {
        var body = SendGridRequest.Create(message, new Recipient(mail.FromEmail, mail.FromName));
        using var response = await pipeline.ExecuteAsync(
            async token =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(options.BaseUrl), "/v3/mail/send"))
                {
                    Content = JsonContent.Create(body, options: SendGridRequest.JsonOptions),
                };
                request.Headers.Authorization = new("Bearer", options.ApiKey);
                return await http.SendAsync(request, token);
            },
            cancellationToken);

        if (response.IsSuccessStatusCode)
        {
            return response.Headers.TryGetValues("X-Message-Id", out var ids) ? ids.FirstOrDefault() : null;
        }

        if (response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500)
        {
            throw new HttpRequestException($"SendGrid still answered {(int)response.StatusCode} after {options.MaxRetries} retries.");
        }

        throw new MailRejectedException($"SendGrid rejected message {message.OutboxId} with {(int)response.StatusCode}.");
    }

    private TimeSpan? RateLimitDelay(HttpResponseMessage? response)
    {
        if (response?.StatusCode == HttpStatusCode.TooManyRequests
            && response.Headers.TryGetValues("X-RateLimit-Reset", out var values)
            && long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var reset))
        {
            var wait = DateTimeOffset.FromUnixTimeSeconds(reset) - time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > TimeSpan.FromMinutes(2) ? TimeSpan.FromMinutes(2) : wait;
        }

        return null; // use the exponential backoff
    }
}
