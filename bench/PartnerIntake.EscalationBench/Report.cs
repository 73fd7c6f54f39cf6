using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using PartnerIntake.Shared.Assignment;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.EscalationBench;

/// <summary>The markdown report: printed, and written to bench/results/escalation.md.</summary>
public static class Report
{
    public static string Render(BenchOptions options, IReadOnlyList<ScenarioResult> results, DateTimeOffset startedAt)
    {
        var s = new StringBuilder();
        void Line(FormattableString text) => s.AppendLine(text.ToString(CultureInfo.InvariantCulture));

        Line($"# EscalateAssignments: cost follows what is due ({startedAt:yyyy-MM-dd HH:mm} UTC)");
        s.AppendLine();
        Line($"- Machine: {Environment.ProcessorCount} logical cores, {RuntimeInformation.OSDescription.Trim()}, .NET runtime {Environment.Version}");
        foreach (var note in options.Notes)
        {
            Line($"- {note}");
        }

        Line($"- Measured: one call of `AssignmentLifecycle.ProcessDueAsync` (what the EscalateAssignments timer runs; MaxPerRun = {AssignmentLifecycle.MaxPerRun}), then a second call right after it, when nothing is due any more (\"empty run\"). Stopwatch around each call.");
        Line($"- {options.Repeats} repetitions per scenario, interleaved (A, B, A, B, …), after one unreported warm-up. B: a fresh in-memory Azurite and the app's services built anew for every repetition. A: {(options.FreshLarge ? "the same, a fresh Azurite for every repetition" : $"one fresh in-memory Azurite seeded once with {options.Repeats} waves of {options.Due} due reminders; before each repetition the app's clock moves to the next wave (2 h, then 1 day), so every repetition runs with exactly {options.Due} due among {options.Open:N0} open assignments")}.");
        Line($"- Before each measured pair of calls: a 1 s pause, a wait for a quiet machine (other processes under 0.15 cores for a second, at most 45 s), 800 requests on a scratch table to warm Azurite, and a full garbage collection before each call.");
        Line($"- Seeding, through the app's own stores: per assignment the inquiry row, assignment 1 (pending) and its one `DueActions` row, the reminder ({Seeder.RequestsPerAssignment} requests). A reminder run schedules the escalation (`AssignmentLifecycle.RemindAsync`), so after each run `DueActions` holds one escalation row per reminded assignment in place of its reminder row. `DueActions` is partitioned by due day (UTC).");
        Line($"- Storage requests: counted by the app's own `StorageRequestCounter` (the Azure.Core pipeline policy every storage client of the app carries; the difference of its snapshots before and after the call), and cross-checked against the HttpClient's own requests (\"System.Net.Http\" activities, which give the method, table, status and duration); the two counts agreed in every run.");
        var busiest = results.Select(r => r.First.Cpu.Other).Where(o => !double.IsNaN(o)).DefaultIfEmpty(0).Max();
        if (busiest > 0.2)
        {
            Line($"- **Warning: other processes used up to {busiest:0.00} cores during a measured run (column \"other\" below): the run times are inflated and noisier than on an idle machine. The request counts are not affected.**");
        }

        s.AppendLine();

        var byScenario = results.GroupBy(r => r.Spec.Name).ToList();
        s.AppendLine("| Scenario | Open assignments | Due | Run time, median (range) | of which `DueActions` requests | Storage requests | Requests per due item | Empty run: time, median (range) | Empty run: requests |");
        s.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var g in byScenario)
        {
            var spec = g.First().Spec;
            var times = g.Select(r => r.First.Milliseconds).ToList();
            var dueTable = g.Select(r => r.First.Storage.HttpRequests.Where(q => q.Resource == TableNames.DueActions).Sum(q => q.Milliseconds)).ToList();
            var counts = g.Select(r => (double)r.First.Storage.Count).ToList();
            var emptyTimes = g.Select(r => r.Empty.Milliseconds).ToList();
            var emptyCounts = g.Select(r => (double)r.Empty.Storage.Count).ToList();
            Line($"| {spec.Name} | {spec.Open:N0} | {spec.Due:N0} | **{Stats.Median(times):0} ms** ({times.Min():0}–{times.Max():0}) | {Stats.Median(dueTable):0} ms | {Range(counts)} | {Stats.Median(counts) / spec.Due:0.00} | {Stats.Median(emptyTimes):0.0} ms ({emptyTimes.Min():0.0}–{emptyTimes.Max():0.0}) | {Range(emptyCounts)} |");
        }

        if (byScenario.Count == 2)
        {
            var a = byScenario[0].ToList();
            var b = byScenario[1].ToList();
            double Median(IEnumerable<ScenarioResult> r, Func<ScenarioResult, double> f) => Stats.Median(r.Select(f).ToList());
            var ratio = Median(a, r => r.First.Milliseconds) / Median(b, r => r.First.Milliseconds);
            var outside = Median(a, OutsideDueActions) / Median(b, OutsideDueActions);
            s.AppendLine();
            Line($"- A / B run time (medians): **{ratio:0.00}×**, with {a[0].Spec.Open / (double)b[0].Spec.Open:0}× as many open assignments and the same number due; the same ratio for the run time outside the `DueActions` requests: {outside:0.00}×.");
            Line($"- Storage requests A / B: {Median(a, r => r.First.Storage.Count) / Median(b, r => r.First.Storage.Count):0.00}×; empty run A / B: {Median(a, r => r.Empty.Storage.Count) / Median(b, r => r.Empty.Storage.Count):0.00}× in requests, {Median(a, r => r.Empty.Milliseconds) / Median(b, r => r.Empty.Milliseconds):0.0}× in time.");
        }

        foreach (var g in byScenario)
        {
            var first = g.First();
            var identical = g.All(r => SameShape(r.First.Storage, first.First.Storage) && SameShape(r.Empty.Storage, first.Empty.Storage));
            s.AppendLine();
            Line($"### Scenario {first.Spec.Name} ({first.Spec.Open:N0} open, {first.Spec.Due:N0} due): requests by kind ({(identical ? "the same in every repetition" : "**they differed between repetitions**; repetition 1")}), time per request over all repetitions");
            s.AppendLine();
            Line($"The app's `StorageRequestCounter`, by kind: run: {first.First.Storage.Kinds()} ({first.First.Storage.TransactionOperations} operations inside the `POST $batch` transactions); empty run: {first.Empty.Storage.Kinds()}.");
            s.AppendLine();
            s.AppendLine("The same requests as the HttpClient saw them, with their times:");
            s.AppendLine();
            s.AppendLine("| Run | Request | Count | Median time per request | Sum (median over repetitions) |");
            s.AppendLine("|---|---|---:|---:|---:|");
            foreach (var (label, pick) in new (string, Func<ScenarioResult, RunMeasure>)[] { ("first", r => r.First), ("empty", r => r.Empty) })
            {
                foreach (var (what, count, _) in pick(first).Storage.Breakdown())
                {
                    var all = g.SelectMany(r => pick(r).Storage.HttpRequests.Where(q => StorageCount.Label(q) == what).Select(q => q.Milliseconds)).ToList();
                    var sums = g.Select(r => pick(r).Storage.HttpRequests.Where(q => StorageCount.Label(q) == what).Sum(q => q.Milliseconds)).ToList();
                    Line($"| {label} | {what} | {count} | {Stats.Median(all):0.0} ms | {Stats.Median(sums):0} ms |");
                }
            }
        }

        s.AppendLine();
        s.AppendLine("### Every repetition");
        s.AppendLine();
        s.AppendLine($"| Scenario | # | Azurite | Seeding ({options.Concurrency} assignments in flight, {Seeder.RequestsPerAssignment} requests each) | `DueActions` day partitions seeded | Run | Requests (non-2xx) | Median per request: `DueActions` delete / all others | CPU during the run (cores): bench / Azurite / other | Empty run | Requests |");
        s.AppendLine("|---|---:|---|---:|---:|---:|---:|---:|---|---:|---:|");
        foreach (var r in results.OrderBy(r => r.Spec.Name, StringComparer.Ordinal).ThenBy(r => r.Repeat))
        {
            var azurite = r.Wave == 1 ? "fresh" : $"same, wave {r.Wave}";
            var seeding = r.Wave == 1 ? string.Create(CultureInfo.InvariantCulture, $"{r.Seeding.TotalSeconds:0.0} s ({r.Spec.Open * Seeder.RequestsPerAssignment / r.Seeding.TotalSeconds:0} req/s)") : "–";
            Line($"| {r.Spec.Name} | {r.Repeat} | {azurite} | {seeding} | {(r.Wave == 1 ? r.DueDays.ToString(CultureInfo.InvariantCulture) : "–")} | {r.First.Milliseconds:0} ms | {r.First.Storage.Count} ({r.First.Storage.Non2xx}) | {DeleteMedian(r):0.0} / {OthersMedian(r):0.0} ms | {r.First.Cpu} | {r.Empty.Milliseconds:0.0} ms | {r.Empty.Storage.Count} |");
        }

        s.AppendLine();
        s.AppendLine("### Checked after every repetition (the benchmark fails otherwise); as of the last one");
        s.AppendLine();
        foreach (var g in byScenario)
        {
            foreach (var check in g.Last().Checks)
            {
                Line($"- {g.Key}: {check}");
            }
        }

        return s.ToString();
    }

    private static double DeleteMedian(ScenarioResult r) =>
        Stats.Median(r.First.Storage.HttpRequests.Where(q => q.Resource == TableNames.DueActions && q.Method == "DELETE").Select(q => q.Milliseconds).ToList());

    private static double OthersMedian(ScenarioResult r) =>
        Stats.Median(r.First.Storage.HttpRequests.Where(q => q.Resource != TableNames.DueActions).Select(q => q.Milliseconds).ToList());

    private static double OutsideDueActions(ScenarioResult r) =>
        r.First.Milliseconds - r.First.Storage.HttpRequests.Where(q => q.Resource == TableNames.DueActions).Sum(q => q.Milliseconds);

    private static bool SameShape(StorageCount x, StorageCount y) =>
        x.Count == y.Count && x.Kinds() == y.Kinds() && x.TransactionOperations == y.TransactionOperations && x.Breakdown().Select(b => (b.What, b.Count)).SequenceEqual(y.Breakdown().Select(b => (b.What, b.Count)));

    private static string Range(IReadOnlyList<double> values) =>
        values.Min() == values.Max()
            ? values[0].ToString("0", CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{Stats.Median(values):0} ({values.Min():0}–{values.Max():0})");
}
