using System.Collections.Concurrent;
using System.Diagnostics;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.BenchCommon;

/// <summary>One storage request: HTTP method, table or queue, the table operation, the status it got and how long it took.</summary>
public sealed record StorageRequest(string Method, string Resource, string Kind, int Status, double Milliseconds);

/// <summary>
/// Counts the storage requests made while it is started, two ways:
/// <list type="bullet">
/// <item>the app's own <see cref="StorageRequestCounter"/> (an Azure.Core pipeline policy, per retry, on the clients that
///   <see cref="StorageClients"/> builds): the difference of its snapshots at <see cref="Start"/> and <see cref="Stop"/>,
///   by kind ("GET Inquiries", "POST $batch", …). It gives no status and no duration;</item>
/// <item>the HttpClient's "System.Net.Http" activities (Azure.Core sends through HttpClient): the method, URI, status and
///   duration of each request, for the breakdown.</item>
/// </list>
/// The activities are process-wide and the counter is shared by every client built with it, so the meter is started only
/// around the measured call, and nothing else in the process talks to storage meanwhile. The two counts must agree; the
/// report says so when they do not.
/// </summary>
public sealed class StorageMeter : IDisposable
{
    private readonly ConcurrentQueue<StorageRequest> requests = new();
    private readonly int tablePort;
    private readonly StorageRequestCounter counter;
    private readonly ActivityListener listener;
    private IReadOnlyDictionary<string, long> before = new Dictionary<string, long>();
    private long operationsBefore;
    private volatile bool running;

    public StorageMeter(int tablePort, StorageRequestCounter counter)
    {
        this.tablePort = tablePort;
        this.counter = counter;
        listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "System.Net.Http",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = OnHttpStopped,
        };
        ActivitySource.AddActivityListener(listener);
    }

    public void Start()
    {
        requests.Clear();
        before = counter.Snapshot();
        operationsBefore = counter.TransactionOperations;
        running = true;
    }

    public StorageCount Stop()
    {
        running = false;
        var after = counter.Snapshot();
        var byKind = after
            .Select(kv => (kv.Key, Count: kv.Value - before.GetValueOrDefault(kv.Key)))
            .Where(x => x.Count > 0)
            .ToDictionary(x => x.Key, x => x.Count, StringComparer.Ordinal);
        return new StorageCount(byKind, requests.ToList(), counter.TransactionOperations - operationsBefore);
    }

    public void Dispose() => listener.Dispose();

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
    /// point read, merge, replace, delete) or the table ("…/Notices()" or "…/Donations": insert, query);
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

        // Azure.Data.Tables sends a merge (conditional or upsert) as PATCH and a replace (conditional or upsert) as PUT,
        // to the entity's address.
        var operation = (method, byKey) switch
        {
            ("GET", true) => "point read",
            ("GET", false) => "query",
            ("POST", false) => "insert",
            ("PATCH", true) => "merge",
            ("POST", true) => "merge",
            ("PUT", true) => "replace",
            ("DELETE", true) => "delete",
            _ => byKey ? "by key" : "table",
        };
        return (name, operation);
    }
}

/// <param name="Counted">What the app's <see cref="StorageRequestCounter"/> counted meanwhile, by kind.</param>
/// <param name="HttpRequests">What the HttpClient sent meanwhile, one by one.</param>
/// <param name="TransactionOperations">The operations inside the entity-group transactions (<c>POST $batch</c>) sent meanwhile.</param>
public sealed record StorageCount(IReadOnlyDictionary<string, long> Counted, IReadOnlyList<StorageRequest> HttpRequests, long TransactionOperations = 0)
{
    /// <summary>Every request the counter saw, empty queue polls included (the benchmarks poll no queue).</summary>
    public int Count => (int)Counted.Values.Sum();

    /// <summary>Requests whose answer was not 2xx (or that got none), from the HTTP activities.</summary>
    public int Non2xx => HttpRequests.Count(r => r.Status is not (>= 200 and < 300));

    public bool Agree => Count == HttpRequests.Count;

    /// <summary>"GET Inquiries 2, POST $batch 1, …": the counter's kinds, in its order.</summary>
    public string Kinds() => string.Join(", ", Counted.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"`{kv.Key}` {kv.Value}"));

    /// <summary>"`GET` Notices (query)" → count, for the breakdown.</summary>
    public static string Label(StorageRequest r) => $"`{r.Method}` {r.Resource} ({r.Kind}{(r.Status is >= 200 and < 300 ? "" : $", status {r.Status}")})";

    public IReadOnlyList<(string What, int Count, double MedianMs)> Breakdown() => HttpRequests
        .GroupBy(Label)
        .Select(g => (g.Key, g.Count(), Stats.Median(g.Select(r => r.Milliseconds).ToList())))
        .OrderByDescending(x => x.Item2)
        .ThenBy(x => x.Key, StringComparer.Ordinal)
        .ToList();
}
