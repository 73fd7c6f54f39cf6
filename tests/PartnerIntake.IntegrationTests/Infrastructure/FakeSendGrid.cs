using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PartnerIntake.IntegrationTests.Infrastructure;

/// <summary>
/// A local HTTP listener (Kestrel on a free port) standing in for api.sendgrid.com: it records every request as it
/// arrived (stamped with the given clock), refuses what SendGrid documents as invalid as SendGrid would (404, 401, 415,
/// 400 with the offending fields), then answers from a script, then 202 with an X-Message-Id.
/// </summary>
public sealed class FakeSendGrid : IAsyncDisposable
{
    public const string SendPath = "/v3/mail/send";

    // SendGrid refuses these in "headers" (mail-send reference).
    private static readonly HashSet<string> ReservedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "x-sg-id", "x-sg-eid", "received", "dkim-signature", "Content-Type", "Content-Transfer-Encoding", "To", "From",
        "Subject", "Reply-To", "CC", "BCC",
    };

    private readonly WebApplication app;
    private readonly TimeProvider clock;
    private readonly ConcurrentQueue<Func<HttpContext, Task>> script = new();
    private readonly ConcurrentQueue<ReceivedRequest> received = new();
    private int accepted;

    private FakeSendGrid(WebApplication app, Uri baseUrl, TimeProvider clock)
    {
        this.app = app;
        this.clock = clock;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public IReadOnlyList<ReceivedRequest> Requests => received.ToList();

    /// <param name="clock">Stamps <see cref="ReceivedRequest.At"/>: the sender's fake clock, to see when on it a retry came.</param>
    public static async Task<FakeSendGrid> StartAsync(TimeProvider? clock = null)
    {
        var port = Ports.Free();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var fake = new FakeSendGrid(app, new Uri($"http://127.0.0.1:{port}"), clock ?? TimeProvider.System);
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        return fake;
    }

    /// <summary>The next valid request gets this answer (in the order given).</summary>
    public FakeSendGrid Then(int status, IReadOnlyDictionary<string, string>? headers = null, string? body = null, TimeSpan? delay = null)
    {
        script.Enqueue(async context =>
        {
            if (delay is { } wait)
            {
                await Task.Delay(wait, context.RequestAborted);
            }

            context.Response.StatusCode = status;
            foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            {
                context.Response.Headers[name] = value;
            }

            if (body is not null)
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(body);
            }
        });
        return this;
    }

    /// <summary>The next valid request gets no answer until the client gives up on it.</summary>
    public FakeSendGrid ThenNoAnswer()
    {
        script.Enqueue(context => Task.Delay(Timeout.Infinite, context.RequestAborted));
        return this;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    /// <summary>What SendGrid's mail-send reference says a request must be, as (field, message); empty when valid.</summary>
    public static IReadOnlyList<(string? Field, string Message)> Problems(string body)
    {
        var problems = new List<(string?, string)>();
        JsonElement json;
        try
        {
            json = JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException)
        {
            return [(null, "Bad Request: the body is not JSON")];
        }

        if (json.ValueKind != JsonValueKind.Object)
        {
            return [(null, "Bad Request: the body is not a JSON object")];
        }

        var addresses = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (!json.TryGetProperty("personalizations", out var personalizations) || personalizations.ValueKind != JsonValueKind.Array
            || personalizations.GetArrayLength() is 0 or > 1000)
        {
            problems.Add(("personalizations", "The personalizations field is required and must have at least one personalization."));
        }
        else
        {
            var index = 0;
            foreach (var personalization in personalizations.EnumerateArray())
            {
                var at = $"personalizations.{index++}";
                if (!personalization.TryGetProperty("to", out var to) || to.ValueKind != JsonValueKind.Array || to.GetArrayLength() == 0)
                {
                    problems.Add((at + ".to", "The to array is required for all personalization objects."));
                }

                foreach (var list in new[] { "to", "cc", "bcc" })
                {
                    if (personalization.TryGetProperty(list, out var recipients) && recipients.ValueKind == JsonValueKind.Array)
                    {
                        var i = 0;
                        foreach (var recipient in recipients.EnumerateArray())
                        {
                            var field = $"{at}.{list}.{i++}";
                            Address(recipient, field, problems);
                            if (recipient.TryGetProperty("email", out var email) && email.ValueKind == JsonValueKind.String && !addresses.Add(email.GetString()!))
                            {
                                problems.Add((field + ".email", "Each email address in the personalization block should be unique."));
                            }
                        }
                    }
                }

                if (!HasText(json, "subject") && !HasText(personalization, "subject"))
                {
                    problems.Add(("subject", "The subject is required."));
                }

                StringMap(personalization, "custom_args", at + ".custom_args", problems);
                Headers(personalization, at + ".headers", problems);
            }

            if (addresses.Count > 1000)
            {
                problems.Add(("personalizations", "There are more than 1000 recipients in total."));
            }
        }

        if (!json.TryGetProperty("from", out var from) || from.ValueKind != JsonValueKind.Object)
        {
            problems.Add(("from", "The from object must be provided for every email send."));
        }
        else
        {
            Address(from, "from", problems);
        }

        if (json.TryGetProperty("reply_to", out var replyTo))
        {
            Address(replyTo, "reply_to", problems);
        }

        if (!json.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.Array || content.GetArrayLength() == 0)
        {
            problems.Add(("content", "Unless a valid template_id is provided, the content parameter is required."));
        }
        else
        {
            var types = content.EnumerateArray().Select(c => HasText(c, "type") && HasText(c, "value") ? c.GetProperty("type").GetString() : null).ToList();
            if (types.Contains(null))
            {
                problems.Add(("content", "Each content object needs a type and a value of at least one character."));
            }

            var text = types.IndexOf("text/plain");
            var html = types.IndexOf("text/html");
            if (text > 0 || (text >= 0 && html >= 0 && html < text))
            {
                problems.Add(("content", "If present, text/plain content must be first, followed by any other content."));
            }
        }

        if (json.TryGetProperty("categories", out var categories))
        {
            if (categories.ValueKind != JsonValueKind.Array || categories.GetArrayLength() > 10
                || categories.EnumerateArray().Any(c => c.ValueKind != JsonValueKind.String || c.GetString()!.Length > 255))
            {
                problems.Add(("categories", "At most 10 categories of at most 255 characters."));
            }
        }

        StringMap(json, "custom_args", "custom_args", problems);
        Headers(json, "headers", problems);
        return problems;
    }

    private static void Address(JsonElement address, string field, List<(string?, string)> problems)
    {
        if (!HasText(address, "email"))
        {
            problems.Add((field + ".email", "The email address is required."));
        }

        if (address.TryGetProperty("name", out var name)
            && (name.ValueKind != JsonValueKind.String || name.GetString()!.AsSpan().IndexOfAny(';', ',') >= 0))
        {
            problems.Add((field + ".name", "The name may not contain ';' or ','."));
        }
    }

    private static void StringMap(JsonElement parent, string property, string field, List<(string?, string)> problems)
    {
        if (!parent.TryGetProperty(property, out var map))
        {
            return;
        }

        if (map.ValueKind != JsonValueKind.Object || map.EnumerateObject().Any(p => p.Value.ValueKind != JsonValueKind.String))
        {
            problems.Add((field, "Must be an object of string values."));
        }
        else if (property == "custom_args" && Encoding.UTF8.GetByteCount(map.GetRawText()) >= 10_000)
        {
            problems.Add((field, "Custom args must be less than 10000 bytes."));
        }
    }

    private static void Headers(JsonElement parent, string field, List<(string?, string)> problems)
    {
        StringMap(parent, "headers", field, problems);
        if (parent.TryGetProperty("headers", out var headers) && headers.ValueKind == JsonValueKind.Object
            && headers.EnumerateObject().Any(h => ReservedHeaders.Contains(h.Name)))
        {
            problems.Add((field, "The headers may not contain a reserved header."));
        }
    }

    private static bool HasText(JsonElement parent, string property) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(property, out var value)
        && value.ValueKind == JsonValueKind.String && value.GetString()!.Length > 0;

    private static Task ErrorAsync(HttpResponse response, int status, IEnumerable<(string? Field, string Message)> errors)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        return response.WriteAsync(JsonSerializer.Serialize(new
        {
            errors = errors.Select(e => new { field = e.Field, message = e.Message, help = (string?)null }),
        }));
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var request = context.Request;
        received.Enqueue(new ReceivedRequest(
            request.Method, request.Path.Value ?? "", request.Headers.Authorization.ToString(), request.ContentType, body, clock.GetUtcNow()));

        if (request.Method != HttpMethods.Post || request.Path != SendPath)
        {
            await ErrorAsync(context.Response, StatusCodes.Status404NotFound, [(null, "Not found")]);
            return;
        }

        if (!request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.Ordinal)
            || request.Headers.Authorization.ToString().Length <= "Bearer ".Length)
        {
            await ErrorAsync(context.Response, StatusCodes.Status401Unauthorized,
                [(null, "The provided authorization grant is invalid, expired, or revoked")]);
            return;
        }

        if (request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true)
        {
            await ErrorAsync(context.Response, StatusCodes.Status415UnsupportedMediaType, [(null, "Content-Type should be application/json.")]);
            return;
        }

        if (Problems(body) is { Count: > 0 } problems)
        {
            await ErrorAsync(context.Response, StatusCodes.Status400BadRequest, problems);
            return;
        }

        if (script.TryDequeue(out var answer))
        {
            await answer(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status202Accepted;
        context.Response.Headers["X-Message-Id"] = $"fake-msg-{Interlocked.Increment(ref accepted)}";
    }
}

public sealed record ReceivedRequest(string Method, string Path, string Authorization, string? ContentType, string Body, DateTimeOffset At);
