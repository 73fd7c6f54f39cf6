using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using PartnerIntake.Shared.Common;
using PartnerIntake.Shared.Intake;

namespace PartnerIntake.Bench;

/// <summary>HTTP calls to the running app, each returning null on success or a short error.</summary>
public sealed class AppClient(HttpClient http) : IDisposable
{
    /// <summary>
    /// The sample inquiry of the brief, with a longer message so that the stored document (the
    /// app's own serialisation of the submission) is about 600 bytes.
    /// </summary>
    public const string InquiryJson = """
        {"organization":{"name":"Muzeum Narodowe w Warszawie","type":"museum","website":"https://mnw.art.pl","country":"PL","subdivision":null},
         "contact":{"name":"Anna Nowak","email":"anna@example.org","role":"Digital curator","language":"pl"},
         "topics":["content-donation"],"scale":"national","agreement":"formal","contentLanguages":["pl"],
         "message":"We would like to release 5,000 scans of 19th-century paintings under CC0, with structured metadata (artist, title, date, technique, dimensions) for Wikidata and Wikimedia Commons.",
         "consent":true}
        """;

    private static long partners;
    private static readonly MediaTypeHeaderValue JsonType = new("application/json");

    /// <summary>The Document column exactly as the app writes it for <see cref="InquiryJson"/>.</summary>
    public static string StoredDocument()
    {
        var submission = JsonSerializer.Deserialize<InquirySubmission>(InquiryJson, Json.Options)
            ?? throw new InvalidOperationException("The sample inquiry does not deserialise.");
        return JsonSerializer.Serialize(submission, Json.Options);
    }

    /// <summary>
    /// The sample inquiry from a partner of its own (organisation, website and contact numbered), as real traffic
    /// mostly is: repeat partners are linked by the duplicate index, and one partner sending everything would make
    /// its index rows a hot spot no real load has.
    /// </summary>
    private static byte[] NextInquiryBody()
    {
        var n = Interlocked.Increment(ref partners).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Encoding.UTF8.GetBytes(InquiryJson
            .Replace("Muzeum Narodowe w Warszawie", "Muzeum " + n, StringComparison.Ordinal)
            .Replace("https://mnw.art.pl", $"https://museum-{n}.example", StringComparison.Ordinal)
            .Replace("anna@example.org", $"curator-{n}@example.org", StringComparison.Ordinal));
    }

    public static AppClient Create(Uri baseUrl, int maxConnections) => new(new HttpClient(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = maxConnections,
        UseProxy = false,
        UseCookies = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(5),
    })
    {
        BaseAddress = baseUrl,
        Timeout = TimeSpan.FromSeconds(30),
    });

    public async Task<string?> LivenessAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri("/api/health/live", UriKind.Relative), cancellationToken);
        _ = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return response.StatusCode == HttpStatusCode.OK ? null : $"HTTP {(int)response.StatusCode}";
    }

    public async Task<string?> SubmitAsync(CancellationToken cancellationToken) =>
        (await SubmitWithReferenceAsync(cancellationToken)).Error;

    public async Task<(string? Reference, string? Error)> SubmitWithReferenceAsync(CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(NextInquiryBody());
        content.Headers.ContentType = JsonType;
        using var response = await http.PostAsync(new Uri("/api/inquiries", UriKind.Relative), content, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            return (null, $"HTTP {(int)response.StatusCode}");
        }

        using var json = JsonDocument.Parse(body);
        return json.RootElement.TryGetProperty("reference", out var r) && r.GetString() is { Length: > 0 } reference
            ? (reference, null)
            : (null, "202 without a reference");
    }

    /// <summary>
    /// <c>GET /admin/storage/requests</c>: the storage requests the app has sent since it started (its own counter,
    /// retries included, empty queue polls apart).
    /// </summary>
    public async Task<StorageRequestCount> StorageRequestsAsync(string adminKey, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/admin/storage/requests", UriKind.Relative));
        request.Headers.Add("x-functions-key", adminKey);
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new HttpRequestException($"GET /admin/storage/requests answered HTTP {(int)response.StatusCode}", null, response.StatusCode);
        }

        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        var byKind = root.GetProperty("byKind").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64(), StringComparer.Ordinal);
        return new StorageRequestCount(root.GetProperty("total").GetInt64(), byKind,
            root.TryGetProperty("transactionOperations", out var operations) ? operations.GetInt64() : 0);
    }

    public void Dispose() => http.Dispose();
}
