using System.Collections.Concurrent;
using System.Diagnostics;

namespace PartnerIntake.Bench;

public sealed record E2eResult(
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
    int NotRoutedInTime,
    LatencySummary ReceivedToRouted,
    LatencySummary SentToRouted,
    IReadOnlyList<LatencySummary> ReceivedToRoutedByPart,
    int? QueueDepthAtLastArrival,
    int? MaxQueueDepth,
    double DrainSeconds,
    IReadOnlyList<LatencySummary> Breakdown,
    CpuUsage Cpu,
    IReadOnlyList<string> ErrorSamples);

/// <summary>
/// Open loop: inquiries are submitted on a fixed schedule (rate/s) whatever the answers' latency.
/// Only after the last arrival are the statuses read, so polling never competes with the load; the
/// end-to-end time comes from the app's own receivedAt and routedAt stamps.
/// </summary>
public static class OpenLoopE2e
{
    /// <summary>The arrivals are split into this many consecutive parts to show whether latency drifts.</summary>
    public const int Parts = 4;

    private sealed record Submission(int Index, string? Reference, string? Error, DateTimeOffset SentAt, double SubmitMs);

    /// <param name="leadIn">Arrivals at the full rate before the measured ones, in the same stream: not counted.</param>
    public static async Task<E2eResult> RunAsync(
        AppClient client, double rate, TimeSpan leadIn, TimeSpan duration, TimeSpan drain, CpuMeter cpu, QueueDepth depth, RoutingTimeline timeline)
    {
        await WarmUpAsync(client, rate / 2, TimeSpan.FromSeconds(4), depth, drain);
        Console.Error.WriteLine($"[bench] e2e: {rate:0}/s for {leadIn.TotalSeconds:0}s (not counted) + {duration.TotalSeconds:0}s (open loop), then read statuses");
        var skipped = (int)Math.Round(rate * leadIn.TotalSeconds);
        var count = (int)Math.Round(rate * duration.TotalSeconds);
        var submissions = new Task<Submission>[count];
        using var sampling = new CancellationTokenSource();
        Task<int?>? maxDepth = null;
        CpuMeter.Snapshot? before = null;
        var start = Clock.Now;
        var measuredFrom = start;
        var maxLag = 0.0;
        for (var i = -skipped; i < count; i++)
        {
            var due = start + (long)((i + skipped) * Stopwatch.Frequency / rate);
            await Clock.Until(due);
            if (i == 0)
            {
                measuredFrom = Clock.Now;
                before = cpu.Take();
                maxDepth = depth.MaxUntilAsync(TimeSpan.FromMilliseconds(500), sampling.Token);
            }

            maxLag = Math.Max(maxLag, Clock.Milliseconds(due, Clock.Now));
            var submission = SubmitAsync(client, i);
            if (i >= 0)
            {
                submissions[i] = submission;
            }
        }

        // Rate over the measured arrival intervals (count − 1 of them), not including the answers' tail.
        var achievedRate = (count - 1) / (Clock.Milliseconds(measuredFrom, Clock.Now) / 1000.0);
        var usage = CpuMeter.Between(before!, cpu.Take());
        var depthAtLastArrival = await depth.ReadAsync();
        var results = await Task.WhenAll(submissions);

        var accepted = results.Where(r => r.Reference is not null).ToDictionary(r => r.Reference!);
        var drainStart = Clock.Now;
        var statuses = await ReadUntilRoutedAsync(client, accepted.Keys, Clock.After(drainStart, drain));
        var drainSeconds = Clock.Milliseconds(drainStart, Clock.Now) / 1000.0;
        await sampling.CancelAsync();

        var routed = statuses
            .Where(s => s.Value.State == "routed" && s.Value.RoutedAt is not null)
            .Select(s => (Submission: accepted[s.Key], Status: s.Value, ReceivedToRouted: (s.Value.RoutedAt!.Value - s.Value.ReceivedAt).TotalMilliseconds,
                SentToRouted: (s.Value.RoutedAt!.Value - accepted[s.Key].SentAt).TotalMilliseconds))
            .OrderBy(r => r.Submission.Index)
            .ToList();
        Console.Error.WriteLine("[bench] e2e: reading the routing steps' timestamps of a sample");
        var breakdown = await timeline.MeasureAsync(
            routed.Select(r => (r.Submission.Reference!, r.Submission.SubmitMs, r.Status.ReceivedAt, r.Status.RoutedAt!.Value)).ToList(), 200);
        var byPart = Enumerable.Range(0, Parts)
            .Select(p => LatencySummary.Of(routed.Where(r => r.Submission.Index * Parts / count == p).Select(r => r.ReceivedToRouted)))
            .ToList();
        return new E2eResult(
            rate,
            duration.TotalSeconds,
            count,
            accepted.Count,
            count - accepted.Count,
            achievedRate,
            maxLag,
            LatencySummary.Of(accepted.Values.Select(r => r.SubmitMs)),
            routed.Count,
            statuses.Values.Count(s => s.State == "failed"),
            accepted.Count - statuses.Values.Count(s => s.State is "routed" or "failed"),
            LatencySummary.Of(routed.Select(r => r.ReceivedToRouted)),
            LatencySummary.Of(routed.Select(r => r.SentToRouted)),
            byPart,
            depthAtLastArrival,
            await maxDepth!,
            drainSeconds,
            breakdown,
            usage,
            results.Where(r => r.Error is not null).Select(r => r.Error!).Distinct().Take(5).ToList());
    }

    /// <summary>
    /// Submits at half the rate so that submission and routing code is compiled (tiered JIT) and the
    /// routing tables are cached, then waits until the app has routed everything (queue empty).
    /// </summary>
    private static async Task WarmUpAsync(AppClient client, double rate, TimeSpan duration, QueueDepth depth, TimeSpan timeout)
    {
        Console.Error.WriteLine($"[bench] e2e warm-up: {rate:0}/s for {duration.TotalSeconds:0}s, then wait for an empty queue");
        var count = (int)Math.Round(rate * duration.TotalSeconds);
        var start = Clock.Now;
        var sent = new List<Task<Submission>>(count);
        for (var i = 0; i < count; i++)
        {
            await Clock.Until(start + (long)(i * Stopwatch.Frequency / rate));
            sent.Add(SubmitAsync(client, i));
        }

        await Task.WhenAll(sent);
        var deadline = Clock.After(Clock.Now, timeout);
        while (await depth.ReadAsync() is > 0 && Clock.Now < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }

        // The last messages may still be in flight (leased, so not counted); let them finish.
        await Task.Delay(TimeSpan.FromSeconds(1));
    }

    private static async Task<Submission> SubmitAsync(AppClient client, int index)
    {
        await Task.Yield(); // the arrival loop must not run the request's synchronous part
        var sentAt = TimeProvider.System.GetUtcNow();
        var t0 = Clock.Now;
        try
        {
            var (reference, error) = await client.SubmitWithReferenceAsync(CancellationToken.None);
            return new Submission(index, reference, error, sentAt, Clock.Milliseconds(t0, Clock.Now));
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            return new Submission(index, null, $"{ex.GetType().Name}: {ex.Message}", sentAt, Clock.Milliseconds(t0, Clock.Now));
        }
    }

    /// <summary>Reads every status (8 at a time) in rounds until all are routed or failed, or the deadline passes.</summary>
    private static async Task<IReadOnlyDictionary<string, AppClient.Status>> ReadUntilRoutedAsync(
        AppClient client, IEnumerable<string> references, long deadline)
    {
        var final = new ConcurrentDictionary<string, AppClient.Status>(StringComparer.Ordinal);
        var pending = references.ToList();
        while (pending.Count > 0)
        {
            await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (reference, ct) =>
            {
                try
                {
                    var status = await client.StatusAsync(reference, ct);
                    if (status is not null)
                    {
                        final[reference] = status;
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    // Read again next round.
                }
            });
            pending = pending.Where(r => !final.TryGetValue(r, out var s) || s.State is not ("routed" or "failed")).ToList();
            if (pending.Count == 0 || Clock.Now > deadline)
            {
                break;
            }

            Console.Error.WriteLine($"[bench] e2e: {pending.Count} not routed yet");
            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }

        return final;
    }
}
