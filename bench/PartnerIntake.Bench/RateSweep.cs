using System.Globalization;

namespace PartnerIntake.Bench;

/// <param name="Why">Null if the step held; else what failed.</param>
public sealed record SweepStep(RateRun Run, string? Why)
{
    public bool Held => Why is null;
}

/// <param name="Highest">The highest rate held by every step up to it (the end-to-end run's rate if the first step already failed and that run held); null if none.</param>
/// <param name="Stopped">Why the ramp stopped (decided while it ran: the queue grew, the generator fell behind, or the maximum rate).</param>
/// <param name="Requests">The app's storage requests per inquiry over the whole sweep (every arrival, settling ones included).</param>
public sealed record SweepResult(
    IReadOnlyList<SweepStep> Steps,
    double? Highest,
    bool HighestIsTheE2eRun,
    bool ReachedMax,
    string Stopped,
    RequestsPerInquiry? Requests,
    string? RequestsProblem,
    double DrainSeconds);

/// <summary>What "sustained" means, for the end-to-end run and every sweep step alike.</summary>
public static class Sustained
{
    public const double MaxP99Ms = 1000;

    /// <summary>Queue growth (messages/s) above which routing is falling behind.</summary>
    public const double MaxGrowth = 1.0;

    /// <summary>The generator must keep at least this share of the target rate, else the step says nothing about the app.</summary>
    public const double MinAchievedShare = 0.95;

    /// <summary>Null if the run held the rate; else the reasons.</summary>
    public static string? Why(RateRun run)
    {
        var why = new List<string>();
        if (run.SubmitErrors > 0)
        {
            why.Add($"{run.SubmitErrors} submit errors");
        }

        if (run.Failed > 0)
        {
            why.Add($"{run.Failed} failed");
        }

        if (run.RoutedLate > 0)
        {
            why.Add($"{run.RoutedLate} not routed within {run.LateAfterSeconds:0} s of the last arrival");
        }

        if (run.Queue.IsGrowing(MaxGrowth))
        {
            why.Add($"queue grew {run.Queue.Slope:0.0} msg/s");
        }

        if (!(run.ReceivedToRouted.P99 <= MaxP99Ms))
        {
            why.Add($"p99 {run.ReceivedToRouted.P99:0} ms");
        }

        if (run.AchievedRate < MinAchievedShare * run.TargetRate)
        {
            why.Add($"the generator sent only {run.AchievedRate:0.0}/s");
        }

        return why.Count == 0 ? null : string.Create(CultureInfo.InvariantCulture, $"{string.Join("; ", why)}");
    }
}

/// <summary>
/// After the end-to-end run: one continuous open loop whose rate rises step by step (start, start + step, …). Each
/// step first sends <see cref="BenchOptions.SweepSettle"/> of uncounted arrivals at its rate (the first step
/// <see cref="BenchOptions.E2eLeadIn"/>, the queue listener having idled), then its counted ones. There is no pause
/// between steps: an idle queue listener polls only every 2 s (maxPollingInterval), and the backlog that builds
/// meanwhile would be charged to the next step. The ramp stops after the first step whose queue grew (watched while
/// it runs; also once more than 2 s of arrivals are queued, or when the generator falls behind). The inquiries are
/// read after the last step; a step holds if its queue did not grow, its p99 stayed within 1 s, every inquiry of it
/// was routed within <see cref="BenchOptions.SweepDrain"/> of its last arrival and nothing failed.
/// </summary>
public static class RateSweep
{
    public static async Task<SweepResult> RunAsync(
        AppClient client, BenchOptions options, CpuMeter cpu, QueueDepth depth, InquiryRows rows, AppStorageRequests? counter, RateRun? e2e)
    {
        var (before, problem) = await OpenLoopE2e.ReadCounterAsync(counter, options.E2eDrain);
        Console.Error.WriteLine($"[bench] sweep: from {options.SweepStart:0}/s in steps of {options.SweepStep:0}/s, {options.SweepSettle.TotalSeconds:0}s settling + {options.SweepStepDuration.TotalSeconds:0}s counted each, until the queue grows");
        var since = TimeProvider.System.GetUtcNow() - TimeSpan.FromSeconds(2);
        var stream = new ArrivalStream(client, cpu, depth);
        var counted = new List<(Segment Segment, QueueGrowth Growth)>();
        string? stopped = null;
        var reachedMax = false;
        for (var i = 0; ; i++)
        {
            var rate = options.SweepStart + (i * options.SweepStep);
            if (rate > options.SweepMax + 1e-9 || (options.SweepStep <= 0 && i > 0))
            {
                reachedMax = true;
                stopped = options.SweepStep <= 0 ? "one step only (--sweep-step 0)" : $"reached --sweep-max {options.SweepMax:0}/s";
                break;
            }

            var settle = i == 0 ? options.E2eLeadIn : options.SweepSettle;
            if (settle > TimeSpan.Zero)
            {
                await stream.RunAsync(rate, settle, counted: false);
            }

            var segment = await stream.RunAsync(rate, options.SweepStepDuration, counted: true);
            var growth = stream.Growth(segment);
            counted.Add((segment, growth));
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[bench]   {rate:0}/s: sent at {segment.AchievedRate:0.0}/s, queue {growth.Slope:+0.0;-0.0;0} msg/s (depth {growth.Start:0} → {growth.End:0}, max {growth.Max}); CPU {segment.Cpu.Describe()}"));
            if (growth.IsGrowing(Sustained.MaxGrowth))
            {
                stopped = string.Create(CultureInfo.InvariantCulture, $"the queue grew at {rate:0}/s");
                break;
            }

            if (growth.Samples < 3)
            {
                stopped = string.Create(CultureInfo.InvariantCulture, $"the queue depth could not be read at {rate:0}/s");
                break;
            }

            if (growth.End > Math.Max(2 * rate, 100))
            {
                // A safety stop: more than 2 s of arrivals queued, whatever the slope says.
                stopped = string.Create(CultureInfo.InvariantCulture, $"over 2 s of arrivals queued at {rate:0}/s");
                break;
            }

            if (segment.AchievedRate < Sustained.MinAchievedShare * rate)
            {
                stopped = string.Create(CultureInfo.InvariantCulture, $"the generator could not keep {rate:0}/s");
                break;
            }
        }

        var submissions = await stream.CompleteAsync();
        if (counted.Count == 0)
        {
            return new SweepResult([], null, false, false, stopped ?? "", null, "no step ran", 0);
        }

        var last = counted[^1].Segment;
        Console.Error.WriteLine("[bench] sweep: reading the inquiries");
        var (progress, drainSeconds) = await OpenLoopE2e.DrainAsync(rows, submissions, since, last, options.E2eDrain);
        var (after, afterProblem) = await OpenLoopE2e.ReadCounterAsync(counter, options.E2eDrain);

        var steps = counted
            .Select(c => RateRun.Of(c.Segment, c.Growth, submissions, progress, options.SweepDrain))
            .Select(run => new SweepStep(run, Sustained.Why(run)))
            .ToList();
        var held = steps.TakeWhile(s => s.Held).ToList();
        var e2eHeld = e2e is not null && Sustained.Why(e2e) is null;
        double? highest = held.Count > 0 ? held[^1].Run.TargetRate : e2eHeld ? e2e!.TargetRate : null;
        foreach (var s in steps)
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[bench]   {s.Run.TargetRate:0}/s: p50 {s.Run.ReceivedToRouted.P50:0} ms, p99 {s.Run.ReceivedToRouted.P99:0} ms, {(s.Held ? "held" : "did not hold: " + s.Why)}"));
        }

        return new SweepResult(
            steps,
            highest,
            held.Count == 0 && highest is not null,
            reachedMax && held.Count == steps.Count,
            stopped ?? "",
            OpenLoopE2e.Requests(before, after, submissions, progress),
            problem ?? afterProblem,
            drainSeconds);
    }
}
