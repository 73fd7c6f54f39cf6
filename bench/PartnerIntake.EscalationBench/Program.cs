using System.Globalization;
using PartnerIntake.EscalationBench;
using PartnerIntake.Functions.Hosting;

// Cost of one EscalateAssignments run (AssignmentLifecycle.ProcessDueAsync) with many open assignments of which
// few are due, next to the same number due among few open ones. See run.sh and docs/benchmarks.md.
//   dotnet PartnerIntake.EscalationBench.dll [--repeats 3] [--open 10000] [--due 100] [--small 100]
//     [--concurrency 32] [--out bench/results/escalation.md] [--note text]...
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var options = BenchOptions.Parse(args);
var repoRoot = LocalSettings.FindRepoRoot(AppContext.BaseDirectory) ?? LocalSettings.FindRepoRoot(Directory.GetCurrentDirectory())
    ?? throw new InvalidOperationException("Run from a checkout: PartnerIntake.sln not found above the bench's folder.");
AppServices.CheckLayout();

var startedAt = TimeProvider.System.GetUtcNow();
var scenarios = new[]
{
    new ScenarioSpec("A", options.Open, options.Due),
    new ScenarioSpec("B", options.Small, options.Small),
};

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

// Warm-up: JIT, the storage client's connections and the templates' first rendering, on its own Azurite, not reported.
Console.Error.WriteLine("[bench] warm-up (20 open, 20 due; not reported)");
await Scenario.RunAsync(new ScenarioSpec("warm-up", 20, 20), 0, repoRoot, options.Concurrency, cancel.Token);

var results = new List<ScenarioResult>();
for (var repeat = 1; repeat <= options.Repeats; repeat++)
{
    // Interleaved (A, B, A, B, …) so that a slow spell of the machine does not land on one scenario only.
    foreach (var spec in scenarios)
    {
        Console.Error.WriteLine($"[bench] {spec.Name} #{repeat}: fresh Azurite, seeding {spec.Open:N0} open assignments, {spec.Due:N0} due");
        var result = await Scenario.RunAsync(spec, repeat, repoRoot, options.Concurrency, cancel.Token);
        results.Add(result);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[bench]   seeded in {result.Seeding.TotalSeconds:0.0} s; run: {result.First.Milliseconds:0} ms, {result.First.Storage.Count} requests; " +
            $"empty run: {result.Empty.Milliseconds:0.0} ms, {result.Empty.Storage.Count} requests; checks passed"));
    }
}

var report = Report.Render(options, results, startedAt);
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.OutputPath))!);
await File.WriteAllTextAsync(options.OutputPath, report);
Console.WriteLine(report);
Console.Error.WriteLine($"[bench] report written to {options.OutputPath}");
