using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.WindowsAzure.Storage;

namespace PartnerIntake.BenchCommon;

/// <summary>One storage request: HTTP method, table or queue, the table operation, the status it got and how long it took.</summary>
public sealed record StorageRequest(string Method, string Resource, string Kind, int Status, double Milliseconds);

/// <summary>
/// Counts the storage requests made while it is started, two ways:
/// <list type="bullet">
/// <item>the storage SDK's own static <see cref="OperationContext.GlobalRequestCompleted"/> (WindowsAzure.Storage
///   9.3.3): one event per request sent, retries included. Its event args give the URI and the status, not the method;</item>
/// <item>the HttpClient's "System.Net.Http" activities (the SDK's netstandard build sends through HttpClient): the
///   method, URI, status and duration of each request, for the breakdown.</item>
/// </list>
/// Both are process-wide, so the meter is started only around the measured call, and nothing else in the process
/// talks to storage meanwhile. The two counts must agree; the report says so when they do not.
/// </summary>
public sealed class StorageMeter : IDisposable
{
    private readonly ConcurrentQueue<StorageRequest> requests = new();
    private readonly int tablePort;
    private readonly ActivityListener listener;
    private int sdkRequests;
    private int sdkFailures;
    private volatile bool running;

    public StorageMeter(int tablePort)
    {
        this.tablePort = tablePort;
        listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "System.Net.Http",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = OnHttpStopped,
        };
        ActivitySource.AddActivityListener(listener);
        OperationContext.GlobalRequestCompleted += OnSdkRequestCompleted;
    }

    public void Start()
    {
        requests.Clear();
        Interlocked.Exchange(ref sdkRequests, 0);
        Interlocked.Exchange(ref sdkFailures, 0);
        running = true;
    }

    public StorageCount Stop()
    {
        running = false;
        return new StorageCount(Volatile.Read(ref sdkRequests), Volatile.Read(ref sdkFailures), requests.ToList());
    }

    public void Dispose()
    {
        OperationContext.GlobalRequestCompleted -= OnSdkRequestCompleted;
        listener.Dispose();
    }

    private void OnSdkRequestCompleted(object? sender, RequestEventArgs e)
    {
        if (!running)
        {
            return;
        }

        Interlocked.Increment(ref sdkRequests);
        if (e.RequestInformation?.HttpStatusCode is not (>= 200 and < 300))
        {
            Interlocked.Increment(ref sdkFailures);
        }
    }

    private void OnHttpStopped(Activity activity)
    {
        if (!running)
        {
            return;
        }

        var method = activity.GetTagItem("http.request.method") as string ?? "?";
        var url = activity.GetTagItem("url.full") as string;
        var status = activity.GetTagItem("http.response.status_code") switch
        {
            int i => i,
            string s when int.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => 0,
        };
        var (resource, kind) = Describe(method, url);
        requests.Enqueue(new StorageRequest(method, resource, kind, status, activity.Duration.TotalMilliseconds));
    }

    /// <summary>
    /// Table name, and whether the request addresses one entity by key ("…/Notices(PartitionKey='…',RowKey='…')":
    /// point read, merge, delete) or the table ("…/Notices()" or "…/Donations": insert, query);
    /// for queues "…/inquiries/messages" → inquiries.
    /// </summary>
    private (string Resource, string Kind) Describe(string method, string? url)
    {
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return ("?", "?");
        }

        var segments = Uri.UnescapeDataString(uri.AbsolutePath).Split('/', StringSplitOptions.RemoveEmptyEntries);
        var name = segments.Length > 1 ? segments[1] : "(account)";
        var paren = name.IndexOf('(', StringComparison.Ordinal);
        var byKey = paren >= 0 && name.AsSpan(paren).Contains("PartitionKey", StringComparison.Ordinal);
        name = paren < 0 ? name : name[..paren];
        if (uri.Port != tablePort)
        {
            return (name, "queue");
        }

        if (name == "$batch")
        {
            return ("(entity group)", "batch");
        }

        // The SDK sends a merge as POST with X-HTTP-Method: MERGE, to the entity's address.
        var operation = (method, byKey) switch
        {
            ("GET", true) => "point read",
            ("GET", false) => "query",
            ("POST", false) => "insert",
            ("POST", true) => "merge",
            ("PUT", true) => "insert-or-replace",
            ("DELETE", true) => "delete",
            _ => byKey ? "by key" : "table",
        };
        return (name, operation);
    }
}

public sealed record StorageCount(int SdkRequests, int SdkNon2xx, IReadOnlyList<StorageRequest> HttpRequests)
{
    public int Count => SdkRequests;

    public bool Agree => SdkRequests == HttpRequests.Count;

    /// <summary>"`GET` Notices (query)" → count, for the breakdown.</summary>
    public static string Label(StorageRequest r) => $"`{r.Method}` {r.Resource} ({r.Kind}{(r.Status is >= 200 and < 300 ? "" : $", status {r.Status}")})";

    public IReadOnlyList<(string What, int Count, double MedianMs)> Breakdown() => HttpRequests
        .GroupBy(Label)
        .Select(g => (g.Key, g.Count(), Stats.Median(g.Select(r => r.Milliseconds).ToList())))
        .OrderByDescending(x => x.Item2)
        .ThenBy(x => x.Key, StringComparer.Ordinal)
        .ToList();
}
