using System.Collections.Concurrent;
using System.IO.Compression;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PartnerIntake.IntegrationTests.Infrastructure;

/// <summary>
/// A local HTTP listener standing in for Application Insights' ingestion endpoint: it keeps every telemetry item the
/// Azure Monitor exporter posts to /v2.1/track (newline-delimited JSON, usually gzipped) and accepts them all.
/// </summary>
public sealed class FakeAppInsights : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<string> items = new();

    private FakeAppInsights(WebApplication app, Uri baseUrl)
    {
        this.app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    /// <summary>What an app needs in APPLICATIONINSIGHTS_CONNECTION_STRING to send here (live metrics too).</summary>
    public string ConnectionString =>
        $"InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint={BaseUrl};LiveEndpoint={BaseUrl}";

    /// <summary>Every item received, one JSON document each.</summary>
    public IReadOnlyList<string> Items => items.ToList();

    public static async Task<FakeAppInsights> StartAsync()
    {
        var port = Ports.Free();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var fake = new FakeAppInsights(app, new Uri($"http://127.0.0.1:{port}/"));
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        return fake;
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/v2.1/track", StringComparison.OrdinalIgnoreCase))
        {
            // Live metrics and anything else: accepted, not kept.
            context.Response.StatusCode = StatusCodes.Status200OK;
            return;
        }

        Stream body = context.Request.Body;
        if (context.Request.Headers.ContentEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase))
        {
            body = new GZipStream(body, CompressionMode.Decompress);
        }

        using var reader = new StreamReader(body);
        var count = 0;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.Length > 0)
            {
                items.Enqueue(line);
                count++;
            }
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync($$"""{"itemsReceived":{{count}},"itemsAccepted":{{count}},"errors":[]}""");
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
