using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using PartnerIntake.Bench;

// Load generator for bench/run.sh, which starts Azurite and the app and passes their addresses.
// Scenarios run one after the other, in --phases order (default: live, raw, e2e, intake). The
// closed-loop intake runs last because it leaves a routing backlog behind that would distort the
// end-to-end measurement.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var options = BenchOptions.Parse(args);
var cpu = new CpuMeter(options.WatchedProcesses);
var depth = QueueDepth.Create(options.StorageConnectionString);
using var client = AppClient.Create(options.AppUrl, options.Concurrency);
using var e2eClient = AppClient.Create(options.AppUrl, int.MaxValue);

var closed = new List<ClosedLoopResult>();
E2eResult? e2e = null;
var document = AppClient.StoredDocument();
var startedAt = TimeProvider.System.GetUtcNow();

foreach (var phase in options.Phases)
{
    switch (phase)
    {
        case "live":
            closed.Add(await ClosedLoop.RunAsync("GET /api/health/live (no storage)", options.Concurrency, options.Warmup, options.Duration, cpu, depth,
                client.LivenessAsync));
            break;
        case "intake":
            closed.Add(await ClosedLoop.RunAsync("POST /api/inquiries", options.Concurrency, options.Warmup, options.Duration, cpu, depth,
                client.SubmitAsync));
            break;
        case "raw":
            var raw = await RawStorage.CreateAsync(options.StorageConnectionString, document, CancellationToken.None);
            try
            {
                closed.Add(await ClosedLoop.RunAsync("Raw storage: table insert + queue put (ceiling)", options.Concurrency, options.Warmup, options.Duration, cpu, depth,
                    raw.SubmitOnceAsync));
            }
            finally
            {
                await raw.DeleteAsync(CancellationToken.None);
            }

            break;
        case "e2e":
            e2e = await OpenLoopE2e.RunAsync(e2eClient, options.E2eRate, options.E2eDuration, options.E2eDrain, cpu, depth);
            break;
        default:
            throw new ArgumentException($"Unknown phase '{phase}' (live, raw, e2e, intake).");
    }

    var last = closed.LastOrDefault();
    if (phase != "e2e" && last is not null)
    {
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[bench]   {last.Throughput:0} req/s, p50 {last.Latency.P50:0.0} ms, p99 {last.Latency.P99:0.0} ms, {last.Errors} errors; CPU cores: {last.Cpu.Describe()}"));
    }
}

var report = Report.Render(options, startedAt, Encoding.UTF8.GetByteCount(document), closed, e2e);
Console.WriteLine(report);
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.OutputPath))!);
await File.WriteAllTextAsync(options.OutputPath, report);
Console.Error.WriteLine($"[bench] written to {options.OutputPath}");

var failed = closed.Any(r => r.Ok == 0) || (e2e is not null && e2e.Routed == 0);
return failed ? 1 : 0;

internal static class Report
{
    public static string Render(BenchOptions options, DateTimeOffset startedAt, int documentBytes,
        IReadOnlyList<ClosedLoopResult> closed, E2eResult? e2e)
    {
        var s = new StringBuilder();
        void Line(FormattableString text) => s.AppendLine(text.ToString(CultureInfo.InvariantCulture));

        Line($"# PartnerIntake benchmark ({startedAt:yyyy-MM-dd HH:mm} UTC)");
        s.AppendLine();
        Line($"- Machine: {Environment.ProcessorCount} logical cores, {RuntimeInformation.OSDescription.Trim()}, .NET {Environment.Version}");
        foreach (var note in options.Notes)
        {
            Line($"- {note}");
        }

        Line($"- Closed loop: {options.Concurrency} concurrent workers, {options.Warmup.TotalSeconds:0} s warm-up, {options.Duration.TotalSeconds:0} s measured; stored document {documentBytes} bytes");
        Line($"- CPU columns: cores used during the measured window (CPU seconds per second) by each process; 'machine' is the share of all cores busy");
        s.AppendLine();
        Line($"- Routing backlog: growth of the app's '{PartnerIntake.Shared.Storage.QueueNames.Inquiries}' queue during the window (messages/s); intake rate minus backlog growth ≈ routing rate");
        s.AppendLine();
        s.AppendLine("| Scenario | Load | OK | Errors | Throughput (req/s) | p50 (ms) | p90 (ms) | p99 (ms) | max (ms) | Routing backlog (msg/s) | CPU (cores) |");
        s.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in closed)
        {
            var backlog = r.BacklogGrowth is { } g ? g.ToString("+0.0;-0.0;0", CultureInfo.InvariantCulture) : "?";
            Line($"| {r.Name} | {r.Load} | {r.Ok} | {r.Errors} | {r.Throughput:0.0} | {r.Latency.P50:0.0} | {r.Latency.P90:0.0} | {r.Latency.P99:0.0} | {r.Latency.Max:0.0} | {backlog} | {r.Cpu.Describe()} |");
        }

        var intake = closed.FirstOrDefault(r => r.Name.StartsWith("POST", StringComparison.Ordinal));
        var ceiling = closed.FirstOrDefault(r => r.Name.StartsWith("Raw", StringComparison.Ordinal));
        var errors = closed.Where(r => r.ErrorSamples.Count > 0).ToList();
        if (errors.Count > 0)
        {
            s.AppendLine();
            foreach (var r in errors)
            {
                Line($"- Errors in '{r.Name}': {string.Join("; ", r.ErrorSamples)}");
            }
        }

        if (e2e is not null)
        {
            s.AppendLine();
            Line($"## End to end: submit → routed, open loop at {e2e.TargetRate:0}/s for {e2e.Seconds:0} s");
            s.AppendLine();
            s.AppendLine("| Measure | Count | p50 (ms) | p90 (ms) | p99 (ms) | max (ms) |");
            s.AppendLine("|---|---:|---:|---:|---:|---:|");
            Line($"| receivedAt → routedAt (app's stamps) | {e2e.ReceivedToRouted.Count} | {e2e.ReceivedToRouted.P50:0} | {e2e.ReceivedToRouted.P90:0} | {e2e.ReceivedToRouted.P99:0} | {e2e.ReceivedToRouted.Max:0} |");
            Line($"| client send → routedAt | {e2e.SentToRouted.Count} | {e2e.SentToRouted.P50:0} | {e2e.SentToRouted.P90:0} | {e2e.SentToRouted.P99:0} | {e2e.SentToRouted.Max:0} |");
            Line($"| POST /api/inquiries answer (202) | {e2e.Submit.Count} | {e2e.Submit.P50:0.0} | {e2e.Submit.P90:0.0} | {e2e.Submit.P99:0.0} | {e2e.Submit.Max:0.0} |");
            s.AppendLine();
            Line($"- Sent {e2e.Sent} at {e2e.AchievedRate:0.0}/s (max schedule lag {e2e.MaxScheduleLagMs:0.0} ms); accepted {e2e.Accepted}, submit errors {e2e.SubmitErrors}");
            Line($"- receivedAt → routedAt p50 by quarter of the arrivals: {string.Join(" / ", e2e.ReceivedToRoutedByPart.Select(p => p.P50.ToString("0", CultureInfo.InvariantCulture)))} ms (rising = routing falls behind)");
            Line($"- '{PartnerIntake.Shared.Storage.QueueNames.Inquiries}' queue depth: {e2e.QueueDepthAtLastArrival?.ToString(CultureInfo.InvariantCulture) ?? "?"} at the last arrival, at most {e2e.MaxQueueDepth?.ToString(CultureInfo.InvariantCulture) ?? "?"} (sampled every 0.5 s)");
            Line($"- Routed {e2e.Routed}, failed {e2e.Failed}, not routed within the drain ({options.E2eDrain.TotalSeconds:0} s) {e2e.NotRoutedInTime}; statuses read in {e2e.DrainSeconds:0.0} s after the last arrival");
            Line($"- CPU during arrivals: {e2e.Cpu.Describe()}");
            if (e2e.ErrorSamples.Count > 0)
            {
                Line($"- Submit errors: {string.Join("; ", e2e.ErrorSamples)}");
            }
        }

        s.AppendLine();
        s.AppendLine("## Against the targets");
        s.AppendLine();
        s.AppendLine("| Target | Measured | Met |");
        s.AppendLine("|---|---:|---|");
        if (intake is not null && ceiling is not null && ceiling.Throughput > 0)
        {
            var ratio = 100 * intake.Throughput / ceiling.Throughput;
            Line($"| Intake throughput ≥ 50 % of the raw storage ceiling | {intake.Throughput:0} / {ceiling.Throughput:0} req/s = {ratio:0} % | {(ratio >= 50 ? "yes" : "**no**")} |");
        }

        if (e2e is not null)
        {
            var p50 = e2e.ReceivedToRouted.P50;
            var complete = e2e.NotRoutedInTime == 0 && e2e.Failed == 0 && e2e.SubmitErrors == 0;
            Line($"| End-to-end p50 < 300 ms at {e2e.TargetRate:0}/s | p50 {p50:0} ms, p99 {e2e.ReceivedToRouted.P99:0} ms{(complete ? "" : " (incomplete: see above)")} | {(p50 < 300 && complete ? "yes" : "**no**")} |");
        }

        return s.ToString();
    }
}
