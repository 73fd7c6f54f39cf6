using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace PartnerIntake.Shared.Mail;

/// <summary>
/// The resilience handler of SendGrid's HttpClient (the official client's own retries do not apply to an injected
/// HttpClient). A 429 waits until X-RateLimit-Reset or Retry-After when given, at most <see cref="MaxRateLimitWait"/>;
/// 5xx, transport errors and attempt timeouts back off exponentially with jitter; any other 4xx passes straight through.
/// All waiting is on the app's <see cref="TimeProvider"/>.
/// </summary>
public static partial class SendGridResilience
{
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan MaxRateLimitWait = TimeSpan.FromMinutes(2);

    /// <summary>
    /// A backstop over all attempts and waits; what is still failing then is left to the outbox's own retry. Under the
    /// functions' 10-minute timeout, and shorter than the outbox claim (<see cref="MailSender.ClaimDuration"/>).
    /// </summary>
    public static readonly TimeSpan MaxTotalTime = TimeSpan.FromMinutes(5);

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, SendGridOptions options, TimeProvider time, ILogger logger)
    {
        // Polly.Extensions already takes the TimeProvider registered in DI; set here so the waits do not depend on that.
        builder.TimeProvider = time;
        builder.AddTimeout(MaxTotalTime);
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(Math.Max(0, options.BaseDelayMs)),
                MaxDelay = MaxBackoff,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
                DelayGenerator = args => ValueTask.FromResult(RateLimitDelay(args.Outcome.Result, time.GetUtcNow(), options.BaseDelayMs)),
                OnRetry = args =>
                {
                    LogRetry(logger, Describe(args.Outcome), args.AttemptNumber + 1, (long)args.RetryDelay.TotalMilliseconds);
                    return default;
                },
            });
        }

        // Inside the retry: each attempt gets its own timeout, and a timed-out attempt is retried.
        builder.AddTimeout(TimeSpan.FromSeconds(Math.Max(1, options.AttemptTimeoutSeconds)));
    }

    public static bool IsTransient(HttpStatusCode status) => status == HttpStatusCode.TooManyRequests || (int)status >= 500;

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is HttpRequestException or TimeoutRejectedException
        || (outcome.Result is { } response && IsTransient(response.StatusCode));

    /// <summary>For a 429: until X-RateLimit-Reset (Unix seconds) or Retry-After, capped; null = the exponential backoff.</summary>
    private static TimeSpan? RateLimitDelay(HttpResponseMessage? response, DateTimeOffset now, int baseDelayMs)
    {
        if (response?.StatusCode != HttpStatusCode.TooManyRequests)
        {
            return null;
        }

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
        var jitter = TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Max(0, baseDelayMs) * 0.2);
        return w + jitter > MaxRateLimitWait ? MaxRateLimitWait : w + jitter;
    }

    private static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is { } ex ? ex.GetType().Name : ((int)outcome.Result!.StatusCode).ToString(CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SendGrid attempt failed with {Outcome}; retry {Retry} in {DelayMs} ms")]
    private static partial void LogRetry(ILogger logger, string outcome, int retry, long delayMs);
}
