using System.Globalization;
using System.Text;
using System.Text.Json;
using PartnerIntake.Bench;

// Load generator for bench/run.sh, which starts Azurite and the app and passes their addresses.
// Scenarios run one after the other, in --phases order (default: live, raw, e2e, intake); e2e includes
// the rate sweep (--sweep). The closed-loop intake runs last because it leaves a routing backlog behind
// that would distort the end-to-end measurement.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var options = BenchOptions.Parse(args);
var cpu = new CpuMeter(options.WatchedProcesses);
var depth = QueueDepth.Create(options.StorageConnectionString);
using var client = AppClient.Create(options.AppUrl, options.Concurrency);
using var e2eClient = AppClient.Create(options.AppUrl, int.MaxValue);

var results = new BenchResults { StartedAt = TimeProvider.System.GetUtcNow() };
var document = AppClient.StoredDocument();
results.DocumentBytes = Encoding.UTF8.GetByteCount(document);

foreach (var phase in options.Phases)
{
    ClosedLoopResult? closed = null;
    switch (phase)
    {
        case "live":
            closed = await ClosedLoop.RunAsync(phase, "GET /api/health/live (no storage)", options.Concurrency, options.Warmup, options.Duration, cpu, depth,
                client.LivenessAsync);
            break;
        case "intake":
            closed = await ClosedLoop.RunAsync(phase, "POST /api/inquiries", options.Concurrency, options.Warmup, options.Duration, cpu, depth,
                client.SubmitAsync);
            break;
        case "intake-paused":
            // Diagnostic, against an app copy whose RouteInquiry listens to an unused queue (run.sh makes it).
            closed = await ClosedLoop.RunAsync(phase, "POST /api/inquiries, routing paused (diagnostic)", options.Concurrency, options.Warmup, options.Duration, cpu, depth,
                client.SubmitAsync);
            break;
        case "raw":
            var raw = await RawStorage.CreateAsync(options.StorageConnectionString, document, CancellationToken.None);
            try
            {
                closed = await ClosedLoop.RunAsync(phase, "Raw storage: table insert + queue put (ceiling)", options.Concurrency, options.Warmup, options.Duration, cpu, depth,
                    raw.SubmitOnceAsync);
            }
            finally
            {
                await raw.DeleteAsync(CancellationToken.None);
            }

            break;
        case "e2e":
            // The end-to-end run at --e2e-rate, then (--sweep) the rising rate until the app no longer keeps up.
            var rows = InquiryRows.Create(options.StorageConnectionString);
            var counter = options.AdminKey is { Length: > 0 } key ? new AppStorageRequests(e2eClient, key, depth) : null;
            results.E2e = await OpenLoopE2e.RunAsync(e2eClient, options, cpu, depth, rows, counter);
            if (options.Sweep)
            {
                results.Sweep = await RateSweep.RunAsync(e2eClient, options, cpu, depth, rows, counter, results.E2e.Run);
            }

            break;
        default:
            throw new ArgumentException($"Unknown phase '{phase}' (live, raw, e2e, intake, intake-paused).");
    }

    if (closed is not null)
    {
        results.Closed.Add(closed);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[bench]   {closed.Throughput:0} req/s, p50 {closed.Latency.P50:0.0} ms, p99 {closed.Latency.P99:0.0} ms, {closed.Errors} errors; CPU cores: {closed.Cpu.Describe()}"));
    }
}

if (options.JsonOutputPath is { } jsonOut)
{
    await File.WriteAllTextAsync(jsonOut, JsonSerializer.Serialize(results, BenchResults.JsonOptions));
}

foreach (var include in options.Includes)
{
    var earlier = JsonSerializer.Deserialize<BenchResults>(await File.ReadAllTextAsync(include), BenchResults.JsonOptions);
    // Measured in a separate run (its own app and Azurite): kept apart from this run's rows.
    results.Closed.AddRange((earlier?.Closed ?? []).Select(r => r with { Kind = "included/" + r.Kind, Name = $"{r.Name} [separate run]" }));
}

var report = Report.Render(options, results);
Console.WriteLine(report);
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.OutputPath))!);
await File.WriteAllTextAsync(options.OutputPath, report);
Console.Error.WriteLine($"[bench] written to {options.OutputPath}");

var failed = results.Closed.Any(r => r.Ok == 0) || results.E2e is { Run.Routed: 0 };
return failed ? 1 : 0;
