using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.Bench;

/// <summary>The markdown report: printed, and written to bench/results/latest.md.</summary>
public static class Report
{
    /// <summary>Storage requests of one raw iteration: the table insert and the queue put.</summary>
    public const int RawRequestsPerIteration = 2;

    public const double TargetP50Ms = 300;
    public const double TargetShareOfPhysicalLimit = 70;
    public const double TargetPausedShareOfCeiling = 80;

    /// <summary>The request budget of one routed inquiry that the integration test RequestBudgetTests pins.</summary>
    public const int PinnedBudget = 12;

    private sealed record Limits(double? RequestCeiling, double? PerInquiry, double? PhysicalLimit, double? Highest, double? Share)
    {
        /// <summary>Operations per inquiry (a transaction counted as the operations it carries), and the limit by operations.</summary>
        public double? OperationsPerInquiry { get; init; }

        public double? OperationLimit => RequestCeiling is { } c && OperationsPerInquiry is > 0 ? c / OperationsPerInquiry : null;

        public double? OperationShare => OperationLimit is > 0 && Highest is { } h ? 100 * h / OperationLimit : null;
    }

    public static string Render(BenchOptions options, BenchResults results)
    {
        var s = new StringBuilder();
        void Line(FormattableString text) => s.AppendLine(text.ToString(CultureInfo.InvariantCulture));
        var closed = results.Closed;
        var e2e = results.E2e;
        var sweep = results.Sweep;
        var ceiling = closed.FirstOrDefault(r => r.Kind == "raw");
        var paused = closed.FirstOrDefault(r => r.Kind.EndsWith("intake-paused", StringComparison.Ordinal));
        var pausedCeiling = closed.FirstOrDefault(r => r.Kind == "included/raw") ?? (paused?.Kind == "intake-paused" ? ceiling : null);
        var limits = LimitsOf(ceiling, e2e, sweep);

        Line($"# PartnerIntake benchmark ({results.StartedAt:yyyy-MM-dd HH:mm} UTC)");
        s.AppendLine();
        Line($"- Date: {results.StartedAt:yyyy-MM-dd HH:mm:ss} UTC");
        Line($"- Machine: {Environment.ProcessorCount} logical cores, {RuntimeInformation.OSDescription.Trim()}, .NET runtime {Environment.Version}");
        foreach (var note in options.Notes)
        {
            Line($"- {note}");
        }

        var noisiest = closed.Select(r => (r.Name, r.Cpu.Other))
            .Concat(e2e is null ? [] : [("end to end", e2e.Run.Cpu.Other)])
            .Concat((sweep?.Steps ?? []).Select(st => (Name: string.Create(CultureInfo.InvariantCulture, $"sweep {st.Run.TargetRate:0}/s"), st.Run.Cpu.Other)))
            .OrderByDescending(x => x.Other)
            .FirstOrDefault();
        if (noisiest.Other > 0.2)
        {
            Line($"- **Warning: other processes on the machine used up to {noisiest.Other:0.00} cores during a measurement ('{noisiest.Name}'); these figures understate what the machine can do. Re-run when it is idle.**");
        }

        RenderSummary(s, Line, e2e, sweep, limits, paused, pausedCeiling);

        s.AppendLine();
        Line($"## Closed loop: {options.Concurrency} concurrent workers, {options.Warmup.TotalSeconds:0} s warm-up, {options.Duration.TotalSeconds:0} s measured");
        s.AppendLine();
        s.AppendLine("| Scenario | OK | Errors | Throughput (req/s) | p50 (ms) | p90 (ms) | p99 (ms) | max (ms) | Routing backlog (msg/s) | CPU (cores) |");
        s.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in closed)
        {
            var backlog = r.BacklogGrowth is { } g ? g.ToString("+0.0;-0.0;0", CultureInfo.InvariantCulture) : "?";
            Line($"| {r.Name} | {r.Ok} | {r.Errors} | {r.Throughput:0.0} | {r.Latency.P50:0.0} | {r.Latency.P90:0.0} | {r.Latency.P99:0.0} | {r.Latency.Max:0.0} | {backlog} | {r.Cpu.Describe()} |");
        }

        s.AppendLine();
        Line($"- Stored document: {results.DocumentBytes} bytes (the app's serialisation of the inquiry the generator posts; the raw loop stores the same string).");
        Line($"- Raw storage: one iteration = {RawRequestsPerIteration} storage requests (the inquiry-shaped table insert and the queue put), through the app's own storage clients; its throughput is iterations/s.");
        Line($"- Routing backlog: growth of the app's '{QueueNames.Inquiries}' queue over the window. Intake rate minus backlog growth ≈ inquiries routed per second meanwhile.");
        Line($"- CPU: cores used over the window (CPU seconds per second) by Azurite, the app, the generator ('bench') and everything else ('other').");
        foreach (var r in closed.Where(r => r.ErrorSamples.Count > 0))
        {
            Line($"- Errors in '{r.Name}': {string.Join("; ", r.ErrorSamples)}");
        }

        if (e2e is not null)
        {
            RenderRequests(s, Line, e2e, sweep);
            RenderE2e(s, Line, options, e2e);
        }

        if (sweep is not null)
        {
            RenderSweep(s, Line, options, sweep);
        }

        RenderLimits(s, Line, ceiling, limits, sweep);
        RenderTargets(s, Line, e2e, limits, paused, pausedCeiling);
        return s.ToString();
    }

    private static Limits LimitsOf(ClosedLoopResult? ceiling, E2eResult? e2e, SweepResult? sweep)
    {
        double? requestCeiling = ceiling is { Throughput: > 0 } ? ceiling.Throughput * RawRequestsPerIteration : null;
        double? perInquiry = e2e?.Requests is { Inquiries: > 0 } q ? q.PerInquiry : null;
        double? physical = requestCeiling is { } c && perInquiry is > 0 ? c / perInquiry : null;
        double? highest = sweep?.Highest ?? (sweep is null && e2e is not null && Sustained.Why(e2e.Run) is null ? e2e.Run.TargetRate : null);
        double? share = physical is > 0 && highest is { } h ? 100 * h / physical : null;
        return new Limits(requestCeiling, perInquiry, physical, highest, share)
        {
            OperationsPerInquiry = e2e?.Requests is { Inquiries: > 0 } o ? o.OperationsPerInquiry : null,
        };
    }

    /// <summary>Two decimals, three for the rare kinds (a pointer re-read every 30 s is not 0.00).</summary>
    private static string PerInquiry(long count, int inquiries) =>
        (count / (double)inquiries).ToString(count < inquiries / 100.0 ? "0.000" : "0.00", CultureInfo.InvariantCulture);

    private static string F(double? value, string format) => value is { } v && !double.IsNaN(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "–";

    private static void RenderSummary(
        StringBuilder s, Action<FormattableString> line, E2eResult? e2e, SweepResult? sweep, Limits limits, ClosedLoopResult? paused, ClosedLoopResult? pausedCeiling)
    {
        s.AppendLine();
        s.AppendLine("## Summary");
        s.AppendLine();
        if (e2e is not null)
        {
            var q = e2e.Requests;
            line($"- **Storage requests per routed inquiry: {F(q?.PerInquiry, "0.00")}** ({(q is null ? e2e.RequestsProblem : $"{q.Requests.Total} requests for {q.Inquiries} inquiries, end to end at {e2e.Run.TargetRate:0}/s")}; the integration test pins {PinnedBudget} for one inquiry).");
            var r = e2e.Run;
            line($"- **End to end at {r.TargetRate:0}/s: p50 {F(r.ReceivedToRouted.P50, "0")} ms, p99 {F(r.ReceivedToRouted.P99, "0")} ms, queue growth {F(r.Queue.Slope, "+0.0;-0.0;0")} msg/s** (receivedAt → routedAt; {r.Routed} of {r.Accepted} routed).");
        }

        if (sweep is not null)
        {
            line($"- **Highest sustained end-to-end rate: {(limits.Highest is { } h ? $"{(sweep.ReachedMax ? "≥ " : "")}{h:0}/s" : "none")}** ({SweepVerdict(sweep)}).");
        }

        line($"- **Physical limit: {F(limits.PhysicalLimit, "0")} inquiries/s** = raw ceiling {F(limits.RequestCeiling, "0")} requests/s ÷ {F(limits.PerInquiry, "0.00")} requests per inquiry; **highest sustained rate = {F(limits.Share, "0")} % of it**.");
        line($"- **Counting each operation of a transaction** ({F(limits.OperationsPerInquiry, "0.00")} operations per inquiry; Azurite dispatches every operation of a `$batch` through its request handlers): limit {F(limits.OperationLimit, "0")} inquiries/s, **highest sustained rate = {F(limits.OperationShare, "0")} % of it**.");
        if (paused is not null && pausedCeiling is { Throughput: > 0 })
        {
            line($"- **Intake with routing paused: {paused.Throughput:0} / {pausedCeiling.Throughput:0} = {100 * paused.Throughput / pausedCeiling.Throughput:0} % of the raw insert + enqueue ceiling** of the same (diagnostic) Azurite.");
        }
    }

    private static string SweepVerdict(SweepResult sweep)
    {
        var first = sweep.Steps.FirstOrDefault(st => !st.Held);
        var held = sweep.Steps.TakeWhile(st => st.Held).Count();
        return first is null
            ? $"every step held; {sweep.Stopped}"
            : $"{held} sweep step{(held == 1 ? "" : "s")} held, first miss at {first.Run.TargetRate:0}/s: {first.Why}{(sweep.HighestIsTheE2eRun ? "; the end-to-end run's rate held" : "")}";
    }

    private static void RenderRequests(StringBuilder s, Action<FormattableString> line, E2eResult e2e, SweepResult? sweep)
    {
        s.AppendLine();
        line($"## Storage requests per routed inquiry (end to end at {e2e.Run.TargetRate:0}/s)");
        s.AppendLine();
        if (e2e.Requests is not { } q)
        {
            line($"{e2e.RequestsProblem}.");
            return;
        }

        line($"The app's own counter (`GET /admin/storage/requests`: every storage request it sent, retries included, empty queue polls apart), read with the app idle right before the lead-in's first arrival and again once all {q.Inquiries} inquiries accepted since ({e2e.LeadInSent} lead-in + {e2e.Run.Accepted} counted) were routed and the app was idle again: **{q.Requests.Total} requests = {q.PerInquiry:0.00} per inquiry**; counting the operations inside each transaction, {q.Requests.Operations} operations = {q.OperationsPerInquiry:0.00} per inquiry.");
        s.AppendLine();
        s.AppendLine("| Request (kind) | Count | Per inquiry |");
        s.AppendLine("|---|---:|---:|");
        foreach (var (kind, count) in q.Requests.ByKind.Where(k => k.Key != StorageRequestCount.EmptyPoll))
        {
            line($"| `{kind}` | {count} | {PerInquiry(count, q.Inquiries)} |");
        }

        line($"| **total** | **{q.Requests.Total}** | **{q.PerInquiry:0.00}** |");
        s.AppendLine();
        if (q.Requests.ByKind.GetValueOrDefault(StorageRequestCount.EmptyPoll) is > 0 and var empty)
        {
            line($"- Not in the total: {empty} empty queue polls (the listener's idle polling, not work for an inquiry).");
        }

        if (q.Unrelated.Count > 0)
        {
            line($"- **Not on an inquiry's path** (a timer of the app ran meanwhile?), included above: {string.Join(", ", q.Unrelated.Select(u => $"`{u.Key}` {u.Value}"))}; without them {q.PerInquiryOnPath:0.00} per inquiry.");
        }

        if (!q.AllRouted || !q.Settled)
        {
            line($"- **Caution:** {(q.AllRouted ? "" : "not every inquiry was routed before the second reading; ")}{(q.Settled ? "" : "the app was not idle at a reading (queue not empty or counter still moving)")}.");
        }

        line($"- A queue receive takes up to 16 messages, so `GET queue inquiries` per inquiry falls as the rate rises (the integration test's single inquiry needs one of its own).");
        line($"- Each inquiry the generator posts comes from a partner of its own (numbered organisation, website and contact), so the duplicate index finds no earlier inquiry; with repeat partners the index query returns their rows, the request count is the same.");
        if (sweep?.Requests is { } w)
        {
            line($"- Over the whole sweep (every arrival, {w.Inquiries} inquiries at {sweep.Steps.FirstOrDefault()?.Run.TargetRate:0}–{sweep.Steps.LastOrDefault()?.Run.TargetRate:0}/s): {w.PerInquiry:0.00} per inquiry ({string.Join(", ", w.Requests.ByKind.Where(k => k.Key != StorageRequestCount.EmptyPoll).Select(k => $"`{k.Key}` {PerInquiry(k.Value, w.Inquiries)}"))}){(w.AllRouted && w.Settled ? "" : "; not every inquiry routed or the app not idle at a reading")}.");
        }
    }

    private static void RenderE2e(StringBuilder s, Action<FormattableString> line, BenchOptions options, E2eResult e2e)
    {
        var r = e2e.Run;
        s.AppendLine();
        line($"## End to end: submit → routed, open loop at {r.TargetRate:0}/s for {r.Seconds:0} s");
        s.AppendLine();
        s.AppendLine("| Measure | Count | p50 (ms) | p90 (ms) | p99 (ms) | max (ms) |");
        s.AppendLine("|---|---:|---:|---:|---:|---:|");
        line($"| receivedAt → routedAt (the app's stamps) | {r.ReceivedToRouted.Count} | {r.ReceivedToRouted.P50:0} | {r.ReceivedToRouted.P90:0} | {r.ReceivedToRouted.P99:0} | {r.ReceivedToRouted.Max:0} |");
        line($"| client send → routedAt | {r.SentToRouted.Count} | {r.SentToRouted.P50:0} | {r.SentToRouted.P90:0} | {r.SentToRouted.P99:0} | {r.SentToRouted.Max:0} |");
        line($"| receivedAt → last mail sent (its `SentAt`) | {e2e.Timeline.ReceivedToLastMail.Count} | {e2e.Timeline.ReceivedToLastMail.P50:0} | {e2e.Timeline.ReceivedToLastMail.P90:0} | {e2e.Timeline.ReceivedToLastMail.P99:0} | {e2e.Timeline.ReceivedToLastMail.Max:0} |");
        line($"| `POST /api/inquiries` answered (202) | {r.Submit.Count} | {r.Submit.P50:0.0} | {r.Submit.P90:0.0} | {r.Submit.P99:0.0} | {r.Submit.Max:0.0} |");
        s.AppendLine();
        line($"- Sent {r.Sent} at {r.AchievedRate:0.0}/s (max schedule lag {r.MaxScheduleLagMs:0.0} ms), after a warm-up of {e2e.WarmupSent} at half the rate (then a pause until the queue was empty and the app idle) and {e2e.LeadInSent} uncounted arrivals ({e2e.LeadInSeconds:0} s) at the full rate; accepted {r.Accepted}, submit errors {r.SubmitErrors}.");
        line($"- Routed {r.Routed}, failed {r.Failed}, not routed within {options.E2eDrain.TotalSeconds:0} s of the last arrival {r.NotRouted}; routed more than {r.LateAfterSeconds:0} s after the last arrival (or never): {r.RoutedLate}. All read {e2e.DrainSeconds:0.0} s after the last arrival, straight from the Inquiries table.");
        line($"- routedAt is the one stamp routing's commit writes (`At`): taken when routing starts deciding, before its writes. The commit itself and the mails come after it (next table).");
        line($"- receivedAt → routedAt p50 per quarter of the arrivals: {string.Join(" / ", r.P50ByQuarter.Select(p => F(p, "0")))} ms (steadily rising = routing falls behind).");
        line($"- '{QueueNames.Inquiries}' queue (leased messages included): growth {F(r.Queue.Slope, "+0.00;-0.00;0")} msg/s (least-squares slope of {r.Queue.Samples} samples, 4 per second), depth {F(r.Queue.Start, "0")} → {F(r.Queue.End, "0")} (first and last second), at most {r.Queue.Max}.");
        line($"- CPU during the counted arrivals: {r.Cpu.Describe()}.");
        if (r.ErrorSamples.Count > 0)
        {
            line($"- Submit errors: {string.Join("; ", r.ErrorSamples)}");
        }

        var t = e2e.Timeline;
        s.AppendLine();
        line($"Where the time goes, for all {t.Complete} of {t.Inquiries} routed inquiries with every mail sent (the stamps routing stores in the inquiry's partition; read after the run):");
        s.AppendLine();
        s.AppendLine("| Step | p50 (ms) | p90 (ms) | p99 (ms) |");
        s.AppendLine("|---|---:|---:|---:|");
        foreach (var (segment, summary) in RoutingTimeline.Segments.Zip(t.Steps))
        {
            line($"| {segment} | {summary.P50:0} | {summary.P90:0} | {summary.P99:0} |");
        }

        s.AppendLine();
        line($"- {t.OneStamp} of {t.Complete} have routedAt = assignment `CreatedAt` = every outbox record's `CreatedAt` (one commit, one `At`); {t.MailsPerInquiry:0.0} mails per inquiry. The last write (the mails settled in one transaction) and the queue message's deletion leave no stamp.");
    }

    private static void RenderSweep(StringBuilder s, Action<FormattableString> line, BenchOptions options, SweepResult sweep)
    {
        s.AppendLine();
        line($"## Highest sustained end-to-end rate: rising rate, {options.SweepStart:0}/s + {options.SweepStep:0}/s per step");
        s.AppendLine();
        line($"One continuous open loop (no pause between steps, so the queue listener never idles into its 2 s polling interval); each step sends {options.SweepSettle.TotalSeconds:0} s of uncounted arrivals at its rate (the first {options.E2eLeadIn.TotalSeconds:0} s), then {options.SweepStepDuration.TotalSeconds:0} s counted. A step holds if its queue did not grow (slope ≤ {Sustained.MaxGrowth:0.0} msg/s, or the depth did not end that much higher), p99 receivedAt → routedAt ≤ {Sustained.MaxP99Ms:0} ms, every inquiry was routed within {options.SweepDrain.TotalSeconds:0} s of the step's last arrival, no submit error, and the generator kept ≥ {100 * Sustained.MinAchievedShare:0} % of the rate. The ramp stops after the first step whose queue grew (or with over 2 s of arrivals queued, or when the generator fell behind).");
        s.AppendLine();
        s.AppendLine("| Rate (/s) | Sent at (/s) | Counted | p50 (ms) | p99 (ms) | max (ms) | Queue growth (msg/s) | Depth first → last s (max) | Azurite / app CPU (cores) | Held |");
        s.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---|---|---|");
        foreach (var st in sweep.Steps)
        {
            var r = st.Run;
            line($"| {r.TargetRate:0} | {r.AchievedRate:0.0} | {r.Accepted} | {F(r.ReceivedToRouted.P50, "0")} | {F(r.ReceivedToRouted.P99, "0")} | {F(r.ReceivedToRouted.Max, "0")} | {F(r.Queue.Slope, "+0.0;-0.0;0")} | {F(r.Queue.Start, "0")} → {F(r.Queue.End, "0")} ({r.Queue.Max}) | {Cores(r.Cpu, "azurite")} / {Cores(r.Cpu, "app")} | {(st.Held ? "yes" : $"**no**: {st.Why}")} |");
        }

        s.AppendLine();
        line($"- Ramp stopped: {sweep.Stopped}. Inquiries read {sweep.DrainSeconds:0.0} s after the last arrival.");
        line($"- **Highest sustained rate: {(sweep.Highest is { } h ? $"{(sweep.ReachedMax ? "≥ " : "")}{h:0}/s" : "none")}** ({SweepVerdict(sweep)}).");
    }

    private static string Cores(CpuUsage cpu, string name) =>
        cpu.Processes.FirstOrDefault(p => p.Name == name) is { Name: not null } p ? p.Cores.ToString("0.00", CultureInfo.InvariantCulture) : "?";

    private static void RenderLimits(StringBuilder s, Action<FormattableString> line, ClosedLoopResult? ceiling, Limits limits, SweepResult? sweep)
    {
        s.AppendLine();
        s.AppendLine("## Against the physical limit (same run, same Azurite, same clients)");
        s.AppendLine();
        line($"- Raw request ceiling: {F(ceiling?.Throughput, "0")} iterations/s × {RawRequestsPerIteration} requests = **{F(limits.RequestCeiling, "0")} storage requests/s** (closed loop, {ceiling?.Cpu.Describe() ?? "not run"}).");
        line($"- Physical limit: {F(limits.RequestCeiling, "0")} ÷ {F(limits.PerInquiry, "0.00")} requests per routed inquiry = **{F(limits.PhysicalLimit, "0")} inquiries/s**: the most that Azurite could route if it did nothing but the app's requests at the raw loop's pace.");
        line($"- Highest sustained end-to-end rate: {(limits.Highest is { } h ? $"{(sweep?.ReachedMax == true ? "≥ " : "")}{h:0}/s" : "none")} = **{F(limits.Share, "0")} % of the physical limit**.");
        line($"- By operations: {F(limits.RequestCeiling, "0")} ÷ {F(limits.OperationsPerInquiry, "0.00")} operations per routed inquiry (each `$batch` counted as the operations it carries: its commit and its mails settled) = **{F(limits.OperationLimit, "0")} inquiries/s**; the highest sustained rate is **{F(limits.OperationShare, "0")} %** of it.");
    }

    private static void RenderTargets(
        StringBuilder s, Action<FormattableString> line, E2eResult? e2e, Limits limits, ClosedLoopResult? paused, ClosedLoopResult? pausedCeiling)
    {
        s.AppendLine();
        s.AppendLine("## Against the targets");
        s.AppendLine();
        s.AppendLine("| Target | Measured | Met |");
        s.AppendLine("|---|---|---|");
        static string Met(bool ok) => ok ? "yes" : "**no**";
        if (e2e is not null)
        {
            var r = e2e.Run;
            var complete = r.NotRouted == 0 && r.Failed == 0 && r.SubmitErrors == 0;
            var note = complete ? "" : "; incomplete, see above";
            line($"| End-to-end p50 ≤ {TargetP50Ms:0} ms at {r.TargetRate:0}/s | **{F(r.ReceivedToRouted.P50, "0")} ms**{note} | {Met(r.ReceivedToRouted.P50 <= TargetP50Ms && complete)} |");
            line($"| End-to-end p99 ≤ {Sustained.MaxP99Ms:0} ms at {r.TargetRate:0}/s | **{F(r.ReceivedToRouted.P99, "0")} ms**{note} | {Met(r.ReceivedToRouted.P99 <= Sustained.MaxP99Ms && complete)} |");
            var growing = r.Queue.IsGrowing(Sustained.MaxGrowth) || r.RoutedLate > 0;
            line($"| No queue growth at {r.TargetRate:0}/s | **{F(r.Queue.Slope, "+0.00;-0.00;0")} msg/s** (depth {F(r.Queue.Start, "0")} → {F(r.Queue.End, "0")}); {r.RoutedLate} routed later than {r.LateAfterSeconds:0} s after the last arrival | {Met(!growing && complete)} |");
            if (e2e.Requests is { } q)
            {
                line($"| Storage requests per routed inquiry ≤ {PinnedBudget} (the integration test's budget) | **{q.PerInquiry:0.00}** | {Met(q.PerInquiry <= PinnedBudget)} |");
            }
        }

        line($"| Highest sustained end-to-end rate ≥ {TargetShareOfPhysicalLimit:0} % of the physical limit | {(limits.Highest is { } h ? $"{h:0}" : "–")} / {F(limits.PhysicalLimit, "0")} inquiries/s = **{F(limits.Share, "0")} %** | {(limits.Share is { } sh ? Met(sh >= TargetShareOfPhysicalLimit) : "–")} |");
        if (paused is not null && pausedCeiling is { Throughput: > 0 })
        {
            var ratio = 100 * paused.Throughput / pausedCeiling.Throughput;
            line($"| Intake with routing paused ≥ {TargetPausedShareOfCeiling:0} % of the raw insert + enqueue ceiling of the same Azurite (diagnostic run) | {paused.Throughput:0} / {pausedCeiling.Throughput:0} req/s = **{ratio:0} %** | {Met(ratio >= TargetPausedShareOfCeiling)} |");
        }
        else
        {
            line($"| Intake with routing paused ≥ {TargetPausedShareOfCeiling:0} % of the raw ceiling of the same Azurite | not run (BENCH_DIAGNOSTIC=0) | – |");
        }
    }
}
