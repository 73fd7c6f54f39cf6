using System.Globalization;
using System.Text.Json;

namespace PartnerIntake.Shared.Hosting;

/// <summary>The queue settings of host.json (extensions.queues), with the Functions host's defaults.</summary>
public sealed record QueueSettings(
    TimeSpan MaxPollingInterval,
    TimeSpan VisibilityTimeout,
    int BatchSize,
    int MaxDequeueCount,
    int NewBatchThreshold,
    bool Base64Messages)
{
    public static readonly QueueSettings Defaults = new(TimeSpan.FromMinutes(1), TimeSpan.Zero, 16, 5, 8, true);
}

public static class HostSettings
{
    public static QueueSettings ReadQueueSettings(string hostJsonPath)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(hostJsonPath), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        if (!doc.RootElement.TryGetProperty("extensions", out var extensions) || !extensions.TryGetProperty("queues", out var q))
        {
            return QueueSettings.Defaults;
        }

        var d = QueueSettings.Defaults;
        var batchSize = Math.Clamp(Int(q, "batchSize") ?? d.BatchSize, 1, 32);
        return new QueueSettings(
            Max(Span(q, "maxPollingInterval") ?? d.MaxPollingInterval, TimeSpan.FromMilliseconds(100)),
            Span(q, "visibilityTimeout") ?? d.VisibilityTimeout,
            batchSize,
            Math.Max(1, Int(q, "maxDequeueCount") ?? d.MaxDequeueCount),
            Int(q, "newBatchThreshold") ?? batchSize / 2,
            !string.Equals(Str(q, "messageEncoding"), "none", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>extensions.http.routePrefix; the host's default is "api".</summary>
    public static string ReadRoutePrefix(string hostJsonPath)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(hostJsonPath), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        return doc.RootElement.TryGetProperty("extensions", out var extensions) && extensions.TryGetProperty("http", out var http)
            && Str(http, "routePrefix") is { } prefix
                ? prefix.Trim('/')
                : "api";
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static string? Str(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static int? Int(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;

    private static TimeSpan? Span(JsonElement obj, string name) =>
        Str(obj, name) is { } s ? TimeSpan.Parse(s, CultureInfo.InvariantCulture) : null;
}
