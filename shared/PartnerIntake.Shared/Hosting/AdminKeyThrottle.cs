using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PartnerIntake.Shared.Hosting;

/// <summary>
/// Slows guessing of the admin key: a client (IP address) that sent <see cref="AdminOptions.FailurePermitLimit"/> wrong
/// keys within a fixed window is refused (429) until the window ends, whatever key it sends meanwhile — otherwise a
/// guesser would still learn which guess was right. Right keys are never counted. In memory, per instance: the key is
/// long and random, so the limit only has to make guessing hopeless, not exact; with n instances a client gets n times
/// the attempts, which changes nothing about that.
/// </summary>
public sealed partial class AdminKeyThrottle(TimeProvider time, IOptions<AdminOptions> options, ILogger<AdminKeyThrottle> logger)
{
    /// <summary>Above this many tracked clients, ended windows are dropped (a spray of addresses cannot grow it unboundedly).</summary>
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<string, Window> windows = new();

    private TimeSpan Length => TimeSpan.FromSeconds(options.Value.FailureWindowSeconds);

    /// <summary>Null when the client may try a key; else how long it must wait.</summary>
    public TimeSpan? RetryAfter(string client)
    {
        var now = time.GetUtcNow();
        return windows.TryGetValue(client, out var w) && w.Failures >= options.Value.FailurePermitLimit && now < w.Start + Length
            ? w.Start + Length - now
            : null;
    }

    public void Failed(string client, string endpoint)
    {
        var now = time.GetUtcNow();
        var window = windows.AddOrUpdate(client, _ => new Window(now, 1), (_, w) => now < w.Start + Length ? w with { Failures = w.Failures + 1 } : new Window(now, 1));
        if (window.Failures == options.Value.FailurePermitLimit)
        {
            // Neither the key tried nor the client's address (personal data): the endpoint and how long the refusal lasts.
            LogThrottled(window.Failures, endpoint, (int)Math.Ceiling((window.Start + Length - now).TotalSeconds));
        }

        if (windows.Count > PruneAbove)
        {
            foreach (var (key, w) in windows.Where(p => p.Value.Start + Length <= now))
            {
                windows.TryRemove(new KeyValuePair<string, Window>(key, w));
            }
        }
    }

    /// <summary>The client as the app sees it (after the platform's forwarded headers, where trusted).</summary>
    public static string Client(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>The API's answer to a throttled client: 429 problem with Retry-After in whole seconds.</summary>
    public static IResult TooManyAttempts(HttpContext context, TimeSpan retryAfter)
    {
        var seconds = (int)Math.Ceiling(retryAfter.TotalSeconds);
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many wrong keys",
            detail: $"Too many wrong keys from this client; try again in {seconds} s.");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Failures} wrong admin keys from one client on {Endpoint}: its attempts are refused for {Seconds} s")]
    private partial void LogThrottled(int failures, string endpoint, int seconds);

    private sealed record Window(DateTimeOffset Start, int Failures);
}
