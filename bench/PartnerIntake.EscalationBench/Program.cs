using System.Globalization;
using PartnerIntake.EscalationBench;
using PartnerIntake.Shared.Hosting;

// Cost of one EscalateAssignments run (AssignmentLifecycle.ProcessDueAsync) with many open assignments of which
// few are due, next to the same number due among few open ones. See run.sh and docs/benchmarks.md.
//   dotnet PartnerIntake.EscalationBench.dll [--repeats 3] [--open 10000] [--due 100] [--small 100]
//     [--concurrency 32] [--fresh-large] [--out bench/results/escalation.md] [--note text]...
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var options = BenchOptions.Parse(args);
var repoRoot = LocalSettings.FindRepoRoot(AppContext.BaseDirectory) ?? LocalSettings.FindRepoRoot(Directory.GetCurrentDirectory())
    ?? throw new InvalidOperationException("Run from a checkout: PartnerIntake.sln not found above the bench's folder.");

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

// Warm-up: JIT (enough calls for the hot paths to reach tier 1), the storage client's connections and the templates'
// first rendering, on its own Azurite, not reported.
Console.Error.WriteLine("[bench] warm-up (200 open, 200 due; not reported)");
await using (var warmUp = await Scenario.StartAsync(new ScenarioSpec("warm-up", 200, 200), 1, repoRoot, options.Concurrency, cancel.Token))
{
    await warmUp.MeasureNextWaveAsync(0, cancel.Token);
}

// Seeding the large scenario takes the longest (about 35 s for 10,000 assignments on 2 cores), so by default it is
// seeded once with a wave of due reminders per repetition, and the clock moves from one
// wave to the next: each repetition is then exactly `due` due among `open` open assignments. --fresh-large seeds a
// fresh Azurite for every repetition instead. The small scenario always gets a fresh Azurite per repetition.
Scenario? large = null;
var results = new List<ScenarioResult>();
try
{
    for (var repeat = 1; repeat <= options.Repeats; repeat++)
    {
        // Interleaved (A, B, A, B, …) so that a slow spell of the machine does not land on one scenario only.
        foreach (var spec in scenarios)
        {
            var isLarge = spec == scenarios[0];
            Scenario scenario;
            if (isLarge && large is not null)
            {
                scenario = large;
                Console.Error.WriteLine($"[bench] {spec.Name} #{repeat}: next wave on the same Azurite");
            }
            else
            {
                var waves = isLarge && !options.FreshLarge ? options.Repeats : 1;
                Console.Error.WriteLine($"[bench] {spec.Name} #{repeat}: fresh Azurite, seeding {spec.Open:N0} open assignments, {spec.Due:N0} due in each of {waves} wave(s)");
                scenario = await Scenario.StartAsync(spec, waves, repoRoot, options.Concurrency, cancel.Token);
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[bench]   seeded in {scenario.Seeding.TotalSeconds:0.0} s"));
            }

            try
            {
                var result = await scenario.MeasureNextWaveAsync(repeat, cancel.Token);
                results.Add(result);
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"[bench]   run: {result.First.Milliseconds:0} ms, {result.First.Storage.Count} requests; " +
                    $"empty run: {result.Empty.Milliseconds:0.0} ms, {result.Empty.Storage.Count} request(s); checks passed"));
            }
            finally
            {
                if (isLarge && !options.FreshLarge && repeat < options.Repeats)
                {
                    large = scenario;
                }
                else
                {
                    await scenario.DisposeAsync();
                    if (isLarge)
                    {
                        large = null;
                    }
                }
            }
        }
    }
}
finally
{
    if (large is not null)
    {
        await large.DisposeAsync();
    }
}

var report = Report.Render(options, results, startedAt);
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.OutputPath))!);
await File.WriteAllTextAsync(options.OutputPath, report);
Console.WriteLine(report);
Console.Error.WriteLine($"[bench] report written to {options.OutputPath}");
