using System.Diagnostics;
using System.Globalization;
using PartnerIntake.RecognitionBench;
using PartnerIntake.Shared.Mail;

// Cost of one SendRecognitions run (Recognition.SendDueAsync) with 100,000 donations of which 100 are due, next to
// 1,000 donations of which 100 are due; and the template render time per notice. See run.sh and docs/benchmarks.md.
//   dotnet PartnerIntake.RecognitionBench.dll [--repeats 3] [--large 100000] [--small 1000] [--due 100]
//     [--concurrency 64] [--batch-concurrency 4] [--render-iterations 1000] [--render-runs 7] [--no-templates]
//     [--out bench/results/recognition.md] [--note text]...
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var options = BenchOptions.Parse(args);
var repoRoot = FindRepoRoot(AppContext.BaseDirectory) ?? FindRepoRoot(Directory.GetCurrentDirectory())
    ?? throw new InvalidOperationException("Run from a checkout: PartnerIntake.sln not found above the bench's folder.");
var startedAt = TimeProvider.System.GetUtcNow();
var total = Stopwatch.StartNew();

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

// The app registers MailTemplates as a singleton: parsed once, shared by every scenario.
var templates = new MailTemplates();
var globalChecks = new List<string>();

// Warm-up: JIT (two runs of 100 notices), the storage client's connections, the templates' first renderings; also checks
// that the seeder writes Notices rows exactly as the app does. Its own Azurite; not reported.
Log($"warm-up: 300 donations, 2 waves of {options.Due} due (not reported)");
await using (var warmUp = await Scenario.StartAsync(new ScenarioSpec("warm-up", 300, Math.Min(options.Due, 150)), 2, repoRoot, templates, options, cancel.Token))
{
    globalChecks.Add(await FormatCheck.RunAsync(warmUp, cancel.Token));
    for (var i = 1; i <= 2; i++)
    {
        await warmUp.MeasureNextWaveAsync(i, cancel.Token);
    }
}

var specs = new[]
{
    new ScenarioSpec("A", options.Large, options.Due),
    new ScenarioSpec("B", options.Small, options.Due),
};
var scenarios = new List<Scenario>();
var results = new List<ScenarioResult>();
var summaries = new List<ScenarioSummary>();
try
{
    foreach (var spec in specs)
    {
        Log($"{spec.Name}: fresh Azurite, seeding {spec.Donations:N0} donations ({spec.Donations * 3:N0} notices), {options.Repeats} waves of {spec.DuePerWave} due thank-yous");
        var scenario = await Scenario.StartAsync(spec, options.Repeats, repoRoot, templates, options, cancel.Token);
        scenarios.Add(scenario);
        var s = scenario.Seeded;
        Log(string.Create(CultureInfo.InvariantCulture,
            $"  {s.NoticeRows:N0} notices in {s.DayPartitions} day partitions (largest {s.LargestPartition:N0}, today {s.TodayRows:N0}): {s.NoticeBatches:N0} batches in {s.NoticesTook.TotalSeconds:0.0} s; " +
            $"{s.Donations:N0} donations in {s.DonationsTook.TotalSeconds:0.0} s"));
    }

    // Interleaved (A, B, A, B, …) so that a slow spell of the machine does not land on one scenario only.
    for (var repeat = 1; repeat <= options.Repeats; repeat++)
    {
        foreach (var scenario in scenarios)
        {
            var result = await scenario.MeasureNextWaveAsync(repeat, cancel.Token);
            results.Add(result);
            Log(string.Create(CultureInfo.InvariantCulture,
                $"{scenario.Spec.Name} #{repeat}: run {result.First.Milliseconds:0} ms, {result.First.Storage.Count} requests ({result.First.Result.Sent} sent); " +
                $"empty run {result.Empty.Milliseconds:0.0} ms, {result.Empty.Storage.Count} requests; checks passed"));
        }
    }

    foreach (var scenario in scenarios)
    {
        var probes = await Probes.RunAsync(scenario, 5, cancel.Token);
        summaries.Add(new ScenarioSummary(scenario.Spec, scenario.Seeded, scenario.Startup, probes));
        Log($"{scenario.Spec.Name} probes: " + string.Join("; ", probes.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Rows} rows {Stats.Median(p.Milliseconds):0.0} ms"))));
    }
}
finally
{
    foreach (var scenario in scenarios)
    {
        await scenario.DisposeAsync();
    }
}

IReadOnlyList<RenderResult> renders = [];
if (options.Templates)
{
    Log($"templates: 3 kinds × 7 languages, {options.RenderRuns} runs × {options.RenderIterations:N0} renders each (and as many composes)");
    renders = TemplateBench.Run(templates, options.RenderIterations, options.RenderRuns);
}

var report = Report.Render(options, startedAt, total.Elapsed, summaries, results, renders, globalChecks);
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.OutputPath))!);
await File.WriteAllTextAsync(options.OutputPath, report);
Console.WriteLine(report);
Log($"report written to {options.OutputPath}");

void Log(string message) => Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[bench {total.Elapsed.TotalSeconds,6:0.0}s] {message}"));

static string? FindRepoRoot(string start)
{
    for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "PartnerIntake.sln")))
        {
            return dir.FullName;
        }
    }

    return null;
}
