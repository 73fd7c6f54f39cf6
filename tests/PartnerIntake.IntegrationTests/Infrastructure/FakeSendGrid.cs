using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PartnerIntake.IntegrationTests.Infrastructure;

/// <summary>
/// A local HTTP listener (Kestrel on a free port) standing in for api.sendgrid.com: it records every request as
/// it arrived and answers from a script, then 202 with an X-Message-Id.
/// </summary>
public sealed class FakeSendGrid : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<Func<HttpResponse, Task>> script = new();
    private readonly ConcurrentQueue<ReceivedRequest> received = new();
    private int accepted;

    private FakeSendGrid(WebApplication app, Uri baseUrl)
    {
        this.app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public IReadOnlyList<ReceivedRequest> Requests => received.ToList();

    public static async Task<FakeSendGrid> StartAsync()
    {
        var port = Ports.Free();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var fake = new FakeSendGrid(app, new Uri($"http://127.0.0.1:{port}"));
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        return fake;
    }

    /// <summary>The next request gets this answer (in the order given).</summary>
    public FakeSendGrid Then(int status, IReadOnlyDictionary<string, string>? headers = null, string? body = null, TimeSpan? delay = null)
    {
        script.Enqueue(async response =>
        {
            if (delay is { } wait)
            {
                await Task.Delay(wait);
            }

            response.StatusCode = status;
            foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            {
                response.Headers[name] = value;
            }

            if (body is not null)
            {
                response.ContentType = "application/json";
                await response.WriteAsync(body);
            }
        });
        return this;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        received.Enqueue(new ReceivedRequest(
            context.Request.Method,
            context.Request.Path.Value ?? "",
            context.Request.Headers.Authorization.ToString(),
            context.Request.ContentType,
            body,
            TimeProvider.System.GetUtcNow()));

        if (script.TryDequeue(out var answer))
        {
            await answer(context.Response);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status202Accepted;
        context.Response.Headers["X-Message-Id"] = $"fake-msg-{Interlocked.Increment(ref accepted)}";
    }
}

public sealed record ReceivedRequest(string Method, string Path, string Authorization, string? ContentType, string Body, DateTimeOffset At);
