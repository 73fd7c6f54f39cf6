using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.Bench;

/// <summary>The markdown report: printed, and written to bench/results/latest.md.</summary>
public static class Report
{
    public static string Render(BenchOptions options, BenchResults results)
    {
        var s = new StringBuilder();
        void Line(FormattableString text) => s.AppendLine(text.ToString(CultureInfo.InvariantCulture));
        var closed = results.Closed;
        var e2e = results.E2e;

        Line($"# PartnerIntake benchmark ({results.StartedAt:yyyy-MM-dd HH:mm} UTC)");
        s.AppendLine();
        Line($"- Machine: {Environment.ProcessorCount} logical cores, {RuntimeInformation.OSDescription.Trim()}, .NET runtime {Environment.Version}");
        foreach (var note in options.Notes)
        {
            Line($"- {note}");
        }

        var noisiest = closed.Select(r => (r.Name, r.Cpu.Other))
            .Concat(e2e is null ? [] : [("end to end", e2e.Cpu.Other)])
            .OrderByDescending(x => x.Other)
            .FirstOrDefault();
        if (noisiest.Other > 0.2)
        {
            Line($"- **Warning: other processes on the machine used up to {noisiest.Other:0.00} cores during a measurement ('{noisiest.Name}'); these figures understate what the machine can do. Re-run when it is idle.**");
        }

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
        Line($"- Routing backlog: growth of the app's '{QueueNames.Inquiries}' queue over the window. Intake rate minus backlog growth ≈ inquiries routed per second meanwhile.");
        Line($"- CPU: cores used over the window (CPU seconds per second) by Azurite, the app, the generator ('bench') and everything else ('other').");
        foreach (var r in closed.Where(r => r.ErrorSamples.Count > 0))
        {
            Line($"- Errors in '{r.Name}': {string.Join("; ", r.ErrorSamples)}");
        }

        if (e2e is not null)
        {
            RenderE2e(s, Line, options, e2e);
        }

        s.AppendLine();
        s.AppendLine("## Against the targets");
        s.AppendLine();
        s.AppendLine("| Target | Measured | Met |");
        s.AppendLine("|---|---|---|");
        var ceiling = closed.FirstOrDefault(r => r.Kind == "raw");
        var intake = closed.FirstOrDefault(r => r.Kind == "intake");
        var paused = closed.FirstOrDefault(r => r.Kind.EndsWith("intake-paused", StringComparison.Ordinal));
        var pausedCeiling = closed.FirstOrDefault(r => r.Kind == "included/raw") ?? ceiling;
        if (ceiling is { Throughput: > 0 })
        {
            if (intake is not null)
            {
                var ratio = 100 * intake.Throughput / ceiling.Throughput;
                Line($"| Intake throughput ≥ 50 % of the raw storage ceiling | {intake.Throughput:0} / {ceiling.Throughput:0} req/s = **{ratio:0} %** | {(ratio >= 50 ? "yes" : "**no**")} |");
            }

            if (paused is not null && pausedCeiling is { Throughput: > 0 })
            {
                var ratio = 100 * paused.Throughput / pausedCeiling.Throughput;
                Line($"| (diagnostic) the same with routing paused, against the ceiling measured on the same Azurite | {paused.Throughput:0} / {pausedCeiling.Throughput:0} req/s = {ratio:0} % | – |");
            }
        }

        if (e2e is not null)
        {
            var complete = e2e.NotRoutedInTime == 0 && e2e.Failed == 0 && e2e.SubmitErrors == 0;
            var p50 = e2e.ReceivedToRouted.P50;
            Line($"| End-to-end p50 < 300 ms at {e2e.TargetRate:0}/s | p50 **{p50:0} ms** (p99 {e2e.ReceivedToRouted.P99:0} ms){(complete ? "" : "; incomplete, see above")} | {(p50 < 300 && complete ? "yes" : "**no**")} |");
        }

        return s.ToString();
    }

    private static void RenderE2e(StringBuilder s, Action<FormattableString> line, BenchOptions options, E2eResult e2e)
    {
        s.AppendLine();
        line($"## End to end: submit → routed, open loop at {e2e.TargetRate:0}/s for {e2e.Seconds:0} s");
        s.AppendLine();
        s.AppendLine("| Measure | Count | p50 (ms) | p90 (ms) | p99 (ms) | max (ms) |");
        s.AppendLine("|---|---:|---:|---:|---:|---:|");
        line($"| receivedAt → routedAt (the app's stamps) | {e2e.ReceivedToRouted.Count} | {e2e.ReceivedToRouted.P50:0} | {e2e.ReceivedToRouted.P90:0} | {e2e.ReceivedToRouted.P99:0} | {e2e.ReceivedToRouted.Max:0} |");
        line($"| client send → routedAt | {e2e.SentToRouted.Count} | {e2e.SentToRouted.P50:0} | {e2e.SentToRouted.P90:0} | {e2e.SentToRouted.P99:0} | {e2e.SentToRouted.Max:0} |");
        line($"| POST /api/inquiries answered (202) | {e2e.Submit.Count} | {e2e.Submit.P50:0.0} | {e2e.Submit.P90:0.0} | {e2e.Submit.P99:0.0} | {e2e.Submit.Max:0.0} |");
        s.AppendLine();
        line($"- Sent {e2e.Sent} at {e2e.AchievedRate:0.0}/s (max schedule lag {e2e.MaxScheduleLagMs:0.0} ms), after a warm-up at half the rate (then a pause until the queue was empty) and {options.E2eLeadIn.TotalSeconds:0} s of uncounted arrivals at the full rate; accepted {e2e.Accepted}, submit errors {e2e.SubmitErrors}.");
        line($"- Routed {e2e.Routed}, failed {e2e.Failed}, not routed within {options.E2eDrain.TotalSeconds:0} s of the last arrival {e2e.NotRoutedInTime}; all statuses read {e2e.DrainSeconds:0.0} s after the last arrival.");
        line($"- receivedAt → routedAt p50 per quarter of the arrivals: {string.Join(" / ", e2e.ReceivedToRoutedByPart.Select(p => p.P50.ToString("0", CultureInfo.InvariantCulture)))} ms (steadily rising = routing falls behind).");
        line($"- '{QueueNames.Inquiries}' queue depth: {e2e.QueueDepthAtLastArrival?.ToString(CultureInfo.InvariantCulture) ?? "?"} at the last arrival, at most {e2e.MaxQueueDepth?.ToString(CultureInfo.InvariantCulture) ?? "?"} (read every 0.5 s).");
        line($"- CPU during the arrivals: {e2e.Cpu.Describe()}.");
        if (e2e.ErrorSamples.Count > 0)
        {
            line($"- Submit errors: {string.Join("; ", e2e.ErrorSamples)}");
        }

        s.AppendLine();
        line($"Where the time goes, for a sample of {e2e.Breakdown.FirstOrDefault()?.Count ?? 0} routed inquiries (from the timestamps the app stores on the assignment and on each outbox mail; read after the run):");
        s.AppendLine();
        s.AppendLine("| Step | p50 (ms) | p90 (ms) | p99 (ms) |");
        s.AppendLine("|---|---:|---:|---:|");
        foreach (var (segment, summary) in RoutingTimeline.Segments.Zip(e2e.Breakdown))
        {
            line($"| {segment} | {summary.P50:0} | {summary.P90:0} | {summary.P99:0} |");
        }
    }
}
