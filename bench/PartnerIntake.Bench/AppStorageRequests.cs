namespace PartnerIntake.Bench;

/// <summary>The app's storage request counter at one moment (GET /admin/storage/requests), cumulative since it started.</summary>
/// <param name="Total">Every request but empty queue polls.</param>
/// <param name="ByKind">"POST Inquiries", "POST $batch", "GET queue inquiries", …, empty polls included under their own kind.</param>
/// <param name="TransactionOperations">The operations inside the <c>POST $batch</c> requests (each carries several).</param>
public sealed record StorageRequestCount(long Total, IReadOnlyDictionary<string, long> ByKind, long TransactionOperations = 0)
{
    public const string EmptyPoll = "empty queue poll";

    /// <summary>What was counted since <paramref name="before"/>; kinds that did not change are left out.</summary>
    public StorageRequestCount Since(StorageRequestCount before) => new(
        Total - before.Total,
        ByKind.Select(k => (k.Key, Count: k.Value - before.ByKind.GetValueOrDefault(k.Key)))
            .Where(k => k.Count != 0)
            .OrderBy(k => k.Key, StringComparer.Ordinal)
            .ToDictionary(k => k.Key, k => k.Count, StringComparer.Ordinal),
        TransactionOperations - before.TransactionOperations);

    /// <summary>Storage operations: every request, with a transaction counted as the operations it carries.</summary>
    public long Operations => Total - ByKind.GetValueOrDefault("POST $batch") + TransactionOperations;
}

/// <summary>The app's storage requests over a window, per inquiry submitted (and routed) in it.</summary>
/// <param name="Requests">The counter's difference over the window.</param>
/// <param name="Inquiries">Inquiries accepted (202) in the window: the denominator.</param>
/// <param name="AllRouted">Every one of them was routed (or failed) before the second reading.</param>
/// <param name="Settled">Both readings were taken with the app idle: queue empty and the counter still for a moment.</param>
public sealed record RequestsPerInquiry(StorageRequestCount Requests, int Inquiries, bool AllRouted, bool Settled)
{
    /// <summary>
    /// The tables and queues an inquiry's submission and routing touch, the routing tables' re-read (the live-version
    /// pointer, every Routing:RefreshSeconds while routing runs) included. Other kinds in the window come from something
    /// else (a timer of the app that ran meanwhile) and are shown apart; they are still in <see cref="Requests"/>.
    /// </summary>
    private static readonly string[] InquiryResources =
        ["Inquiries", "$batch", "InquiryIndex", "DueActions", "queue inquiries", "RoutingVersions", "RoutingEntities", "RoutingRegions", "RoutingTopics"];

    public double PerInquiry => Inquiries > 0 ? Requests.Total / (double)Inquiries : double.NaN;

    /// <summary>Operations per inquiry: a transaction counted as the operations inside it.</summary>
    public double OperationsPerInquiry => Inquiries > 0 ? Requests.Operations / (double)Inquiries : double.NaN;

    /// <summary>Kinds (empty polls aside) that are not on an inquiry's path.</summary>
    public IReadOnlyDictionary<string, long> Unrelated => Requests.ByKind
        .Where(k => k.Key != StorageRequestCount.EmptyPoll && !InquiryResources.Any(r => k.Key.EndsWith(" " + r, StringComparison.Ordinal)))
        .ToDictionary(k => k.Key, k => k.Value, StringComparer.Ordinal);

    /// <summary>Per inquiry without <see cref="Unrelated"/>.</summary>
    public double PerInquiryOnPath => Inquiries > 0 ? (Requests.Total - Unrelated.Values.Sum()) / (double)Inquiries : double.NaN;
}

/// <summary>Reads the app's counter, waiting for the app to be idle first so that a reading falls between two inquiries' work.</summary>
public sealed class AppStorageRequests(AppClient client, string adminKey, QueueDepth depth)
{
    /// <summary>
    /// Waits until the app's queue is empty (Azurite counts leased messages too, and a message is deleted last, after its
    /// inquiry's mails are settled) and its counter has not moved for <paramref name="quiet"/>, then returns the
    /// counter; after <paramref name="timeout"/> the last reading, marked not settled.
    /// </summary>
    public async Task<(StorageRequestCount Count, bool Settled)> SettledAsync(TimeSpan quiet, TimeSpan timeout)
    {
        var deadline = Clock.After(Clock.Now, timeout);
        var last = await client.StorageRequestsAsync(adminKey, CancellationToken.None);
        var stillSince = Clock.Now;
        while (true)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250));
            var queued = await depth.ReadAsync();
            var now = await client.StorageRequestsAsync(adminKey, CancellationToken.None);
            if (now.Total != last.Total || queued is not 0)
            {
                stillSince = Clock.Now;
            }

            last = now;
            if (Clock.Milliseconds(stillSince, Clock.Now) >= quiet.TotalMilliseconds)
            {
                return (last, true);
            }

            if (Clock.Now > deadline)
            {
                return (last, false);
            }
        }
    }
}
