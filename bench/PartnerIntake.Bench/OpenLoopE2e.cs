using System.Collections.Concurrent;

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
    double DrainSeconds,
    CpuUsage Cpu,
    IReadOnlyList<string> ErrorSamples);

/// <summary>
/// Open loop: inquiries are submitted on a fixed schedule (rate/s) whatever the answers' latency.
/// Only after the last arrival are the statuses read, so polling never competes with the load; the
/// end-to-end time comes from the app's own receivedAt and routedAt stamps.
/// </summary>
public static class OpenLoopE2e
{
    private sealed record Submission(string? Reference, string? Error, DateTimeOffset SentAt, double SubmitMs);

    public static async Task<E2eResult> RunAsync(AppClient client, double rate, TimeSpan duration, TimeSpan drain, CpuMeter cpu)
    {
        Console.Error.WriteLine($"[bench] e2e: {rate:0}/s for {duration.TotalSeconds:0}s (open loop), then read statuses");
        var count = (int)Math.Round(rate * duration.TotalSeconds);
        var submissions = new Task<Submission>[count];
        var before = cpu.Take();
        var start = Clock.Now;
        var maxLag = 0.0;
        for (var i = 0; i < count; i++)
        {
            var due = start + (long)(i * System.Diagnostics.Stopwatch.Frequency / rate);
            await Clock.Until(due);
            maxLag = Math.Max(maxLag, Clock.Milliseconds(due, Clock.Now));
            submissions[i] = SubmitAsync(client);
        }

        var results = await Task.WhenAll(submissions);
        var sendingSeconds = Clock.Milliseconds(start, Clock.Now) / 1000.0;
        var usage = CpuMeter.Between(before, cpu.Take());

        var accepted = results.Where(r => r.Reference is not null).ToDictionary(r => r.Reference!);
        var drainStart = Clock.Now;
        var statuses = await ReadUntilRoutedAsync(client, accepted.Keys, Clock.After(drainStart, drain));
        var drainSeconds = Clock.Milliseconds(drainStart, Clock.Now) / 1000.0;

        var routed = statuses.Values.Where(s => s.State == "routed" && s.RoutedAt is not null).ToList();
        var routedRefs = statuses.Where(s => s.Value.State == "routed" && s.Value.RoutedAt is not null);
        return new E2eResult(
            rate,
            duration.TotalSeconds,
            count,
            accepted.Count,
            count - accepted.Count,
            count / sendingSeconds,
            maxLag,
            LatencySummary.Of(results.Where(r => r.Reference is not null).Select(r => r.SubmitMs)),
            routed.Count,
            statuses.Values.Count(s => s.State == "failed"),
            accepted.Count - statuses.Values.Count(s => s.State is "routed" or "failed"),
            LatencySummary.Of(routed.Select(s => (s.RoutedAt!.Value - s.ReceivedAt).TotalMilliseconds)),
            LatencySummary.Of(routedRefs.Select(s => (s.Value.RoutedAt!.Value - accepted[s.Key].SentAt).TotalMilliseconds)),
            drainSeconds,
            usage,
            results.Where(r => r.Error is not null).Select(r => r.Error!).Distinct().Take(5).ToList());
    }

    private static async Task<Submission> SubmitAsync(AppClient client)
    {
        await Task.Yield(); // the arrival loop must not run the request's synchronous part
        var sentAt = TimeProvider.System.GetUtcNow();
        var t0 = Clock.Now;
        try
        {
            var (reference, error) = await client.SubmitWithReferenceAsync(CancellationToken.None);
            return new Submission(reference, error, sentAt, Clock.Milliseconds(t0, Clock.Now));
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            return new Submission(null, $"{ex.GetType().Name}: {ex.Message}", sentAt, Clock.Milliseconds(t0, Clock.Now));
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
