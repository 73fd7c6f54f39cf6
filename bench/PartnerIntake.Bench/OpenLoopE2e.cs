using System.Diagnostics;
using System.Globalization;

namespace PartnerIntake.Bench;

/// <summary>One counted stretch of arrivals at one rate and what became of its inquiries.</summary>
/// <param name="RoutedLate">Counted inquiries not routed within <paramref name="LateAfterSeconds"/> of the stretch's last arrival (never routed included).</param>
/// <param name="P50ByQuarter">receivedAt → routedAt p50 per quarter of the arrivals (steadily rising = routing falls behind).</param>
public sealed record RateRun(
    double TargetRate,
    double Seconds,
    int Sent,
    int Accepted,
    int SubmitErrors,
    double AchievedRate,
    double MaxScheduleLagMs,
    LatencySummary Submit,
    int Routed,
    int Failed,
    int NotRouted,
    int RoutedLate,
    double LateAfterSeconds,
    LatencySummary ReceivedToRouted,
    LatencySummary SentToRouted,
    IReadOnlyList<double> P50ByQuarter,
    QueueGrowth Queue,
    CpuUsage Cpu,
    IReadOnlyList<string> ErrorSamples)
{
    public static RateRun Of(
        Segment segment, QueueGrowth growth, IReadOnlyList<Submission> submissions, IReadOnlyDictionary<string, InquiryRows.Progress> progress, TimeSpan lateAfter)
    {
        var mine = submissions.Where(s => s.Segment == segment.Index).ToList();
        var accepted = mine.Where(s => s.Reference is not null).ToList();
        var final = accepted.Select(s => (Submission: s, Progress: progress.GetValueOrDefault(s.Reference!))).ToList();
        var routed = final.Where(f => f.Progress is { IsRouted: true }).ToList();
        var lateAfterArrival = segment.LastSentAt + lateAfter;
        double ReceivedToRouted((Submission Submission, InquiryRows.Progress? Progress) f) => (f.Progress!.RoutedAt!.Value - f.Progress.ReceivedAt).TotalMilliseconds;
        return new RateRun(
            segment.Rate,
            segment.Count / segment.Rate,
            mine.Count,
            accepted.Count,
            mine.Count - accepted.Count,
            segment.AchievedRate,
            segment.MaxScheduleLagMs,
            LatencySummary.Of(accepted.Select(s => s.SubmitMs)),
            routed.Count,
            final.Count(f => f.Progress is { IsRouted: false, IsFinal: true }),
            accepted.Count - final.Count(f => f.Progress is { IsFinal: true }),
            accepted.Count - routed.Count(f => f.Progress!.RoutedAt <= lateAfterArrival),
            lateAfter.TotalSeconds,
            LatencySummary.Of(routed.Select(ReceivedToRouted)),
            LatencySummary.Of(routed.Select(f => (f.Progress!.RoutedAt!.Value - f.Submission.SentAt).TotalMilliseconds)),
            Enumerable.Range(0, OpenLoopE2e.Parts)
                .Select(p => LatencySummary.Of(routed.Where((_, i) => i * OpenLoopE2e.Parts / Math.Max(1, routed.Count) == p).Select(ReceivedToRouted)).P50)
                .ToList(),
            growth,
            segment.Cpu,
            mine.Where(s => s.Error is not null).Select(s => s.Error!).Distinct().Take(5).ToList());
    }
}

/// <param name="Run">The counted arrivals at the target rate.</param>
/// <param name="Requests">The app's storage requests per inquiry over the run (lead-in included, see <see cref="OpenLoopE2e"/>); null if not measured.</param>
/// <param name="RequestsProblem">Why <paramref name="Requests"/> is missing.</param>
public sealed record E2eResult(
    RateRun Run,
    double LeadInSeconds,
    int LeadInSent,
    int WarmupSent,
    RequestsPerInquiry? Requests,
    string? RequestsProblem,
    TimelineResult Timeline,
    double DrainSeconds);

/// <summary>
/// End to end, submit → routed, in an open loop: inquiries arrive on a fixed schedule whatever the answers' latency.
/// Only after the last arrival are the inquiries' stamps read (straight from the Inquiries table), so reading never
/// competes with the load and costs the app nothing. Latency = routedAt − receivedAt, both stamped by the app.
/// The app's storage request counter is read before the first arrival (lead-in included) and again once every
/// inquiry of the run is routed and the app is idle; the difference divided by the inquiries accepted in between is
/// the requests per routed inquiry.
/// </summary>
public static class OpenLoopE2e
{
    /// <summary>The counted arrivals are split into this many consecutive parts to show whether latency drifts.</summary>
    public const int Parts = 4;

    /// <summary>How long the app's counter must stand still (with an empty queue) before a reading counts as settled.</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1);

    public static async Task<E2eResult> RunAsync(
        AppClient client, BenchOptions options, CpuMeter cpu, QueueDepth depth, InquiryRows rows, AppStorageRequests? counter)
    {
        var rate = options.E2eRate;
        var warmup = await WarmUpAsync(client, rate / 2, TimeSpan.FromSeconds(4), depth, options.E2eDrain);
        var (before, problem) = await ReadCounterAsync(counter, options.E2eDrain);

        Console.Error.WriteLine($"[bench] e2e: {rate:0}/s for {options.E2eLeadIn.TotalSeconds:0}s (not counted) + {options.E2eDuration.TotalSeconds:0}s (open loop), then read the inquiries");
        var since = TimeProvider.System.GetUtcNow() - TimeSpan.FromSeconds(2);
        var stream = new ArrivalStream(client, cpu, depth);
        var leadIn = options.E2eLeadIn > TimeSpan.Zero ? await stream.RunAsync(rate, options.E2eLeadIn, counted: false) : null;
        var counted = await stream.RunAsync(rate, options.E2eDuration, counted: true);
        var growth = stream.Growth(counted);
        var submissions = await stream.CompleteAsync();

        var (progress, drainSeconds) = await DrainAsync(rows, submissions, since, counted, options.E2eDrain);
        var (after, afterProblem) = await ReadCounterAsync(counter, options.E2eDrain);
        var requests = Requests(before, after, submissions, progress);

        Console.Error.WriteLine("[bench] e2e: reading the routing stamps");
        var run = RateRun.Of(counted, growth, submissions, progress, options.SweepDrain);
        var stamps = await rows.ReadStampsAsync(since, CancellationToken.None);
        var routed = submissions
            .Where(s => s.Segment == counted.Index && s.Reference is not null && progress.GetValueOrDefault(s.Reference) is { IsRouted: true })
            .Select(s => (s.Reference!, s.SubmitMs, progress[s.Reference!].ReceivedAt, progress[s.Reference!].RoutedAt!.Value))
            .ToList();
        var timeline = RoutingTimeline.Measure(routed, stamps);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[bench]   p50 {run.ReceivedToRouted.P50:0} ms, p99 {run.ReceivedToRouted.P99:0} ms, queue {growth.Slope:+0.0;-0.0;0} msg/s; {requests?.PerInquiry:0.00} storage requests per inquiry"));
        return new E2eResult(run, leadIn is null ? 0 : leadIn.Count / rate, leadIn?.Count ?? 0, warmup, requests, problem ?? afterProblem, timeline, drainSeconds);
    }

    /// <summary>Reads until every accepted inquiry of the stream is routed (or the drain time after the last arrival is up).</summary>
    public static async Task<(IReadOnlyDictionary<string, InquiryRows.Progress> Progress, double Seconds)> DrainAsync(
        InquiryRows rows, IReadOnlyList<Submission> submissions, DateTimeOffset since, Segment last, TimeSpan drain)
    {
        var references = submissions.Where(s => s.Reference is not null).Select(s => s.Reference!).ToList();
        var progress = await rows.ReadUntilRoutedAsync(references, since, Clock.After(last.End, drain));
        return (progress, Clock.Milliseconds(last.End, Clock.Now) / 1000.0);
    }

    /// <summary>The app's counter once the app is idle; null (with the reason) when it cannot be read.</summary>
    public static async Task<((StorageRequestCount Count, bool Settled)? Reading, string? Problem)> ReadCounterAsync(AppStorageRequests? counter, TimeSpan timeout)
    {
        if (counter is null)
        {
            return (null, "not measured: the generator got no --admin-key");
        }

        try
        {
            return (await counter.SettledAsync(Quiet, timeout), null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException or KeyNotFoundException)
        {
            return (null, $"not measured: {ex.GetType().Name}: {ex.Message}");
        }
    }

    public static RequestsPerInquiry? Requests(
        (StorageRequestCount Count, bool Settled)? before,
        (StorageRequestCount Count, bool Settled)? after,
        IReadOnlyList<Submission> submissions,
        IReadOnlyDictionary<string, InquiryRows.Progress> progress)
    {
        if (before is not { } b || after is not { } a)
        {
            return null;
        }

        var accepted = submissions.Where(s => s.Reference is not null).ToList();
        return new RequestsPerInquiry(
            a.Count.Since(b.Count),
            accepted.Count,
            accepted.All(s => progress.GetValueOrDefault(s.Reference!) is { IsFinal: true }),
            b.Settled && a.Settled);
    }

    /// <summary>
    /// Submits at half the rate so that submission and routing code is compiled (tiered JIT) and the
    /// routing tables are cached, then waits until the app has routed everything (queue empty).
    /// </summary>
    private static async Task<int> WarmUpAsync(AppClient client, double rate, TimeSpan duration, QueueDepth depth, TimeSpan timeout)
    {
        Console.Error.WriteLine($"[bench] e2e warm-up: {rate:0}/s for {duration.TotalSeconds:0}s, then wait for an empty queue");
        var count = (int)Math.Round(rate * duration.TotalSeconds);
        var start = Clock.Now;
        var sent = new List<Task<Submission>>(count);
        for (var i = 0; i < count; i++)
        {
            await Clock.Until(start + (long)(i * Stopwatch.Frequency / rate));
            sent.Add(ArrivalStream.SubmitAsync(client, -1));
        }

        await Task.WhenAll(sent);
        var deadline = Clock.After(Clock.Now, timeout);
        while (await depth.ReadAsync() is > 0 && Clock.Now < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }

        return count;
    }
}
