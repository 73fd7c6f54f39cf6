using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PartnerIntake.MailBench;

/// <summary>A local stand-in for SendGrid's mail/send: reads the whole body, answers 202 with an X-Message-Id.</summary>
public sealed class FakeSendGridListener : IAsyncDisposable
{
    private readonly WebApplication app;
    private long requests;

    private FakeSendGridListener(WebApplication app) => this.app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public long Requests => Interlocked.Read(ref requests);

    /// <summary>The last body received, to POST the same bytes in the baseline.</summary>
    public byte[] LastBody { get; private set; } = [];

    public static async Task<FakeSendGridListener> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var listener = new FakeSendGridListener(app);
        app.MapPost("/v3/mail/send", async (HttpContext context) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            listener.LastBody = buffer.ToArray();
            Interlocked.Increment(ref listener.requests);
            context.Response.StatusCode = StatusCodes.Status202Accepted;
            context.Response.Headers["X-Message-Id"] = "bench-" + listener.Requests;
        });
        await app.StartAsync();
        listener.BaseAddress = new Uri(app.Urls.First());
        return listener;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
