using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using PartnerIntake.Shared.Assignment;

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

        Line($"- Measured: one call of `AssignmentLifecycle.ProcessDueAsync` (what the EscalateAssignments timer runs; MaxPerRun = {AssignmentLifecycle.MaxPerRun}), then a second call right after it, when nothing is due any more (\"empty run\").");
        Line($"- {options.Repeats} repetitions per scenario, interleaved, each on a fresh in-memory Azurite with the app's services built anew; one unreported warm-up before.");
        Line($"- Storage requests: counted with WindowsAzure.Storage's `OperationContext.GlobalRequestCompleted` only around the call, cross-checked against the HttpClient's requests (they agreed in every run).");
        s.AppendLine();

        var byScenario = results.GroupBy(r => r.Spec.Name).ToList();
        s.AppendLine("| Scenario | Open assignments | Due | Run time, median (range) | Storage requests | Requests per due item | `GET DueActions` query, median | Empty run: time, median (range) | Empty run: requests |");
        s.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var g in byScenario)
        {
            var spec = g.First().Spec;
            var times = g.Select(r => r.First.Milliseconds).ToList();
            var counts = g.Select(r => (double)r.First.Storage.Count).ToList();
            var emptyTimes = g.Select(r => r.Empty.Milliseconds).ToList();
            var emptyCounts = g.Select(r => (double)r.Empty.Storage.Count).ToList();
            var query = g.SelectMany(r => r.First.Storage.HttpRequests.Where(IsDueQuery).Select(q => q.Milliseconds)).ToList();
            var medianCount = Stats.Median(counts);
            Line($"| {spec.Name} | {spec.Open:N0} | {spec.Due:N0} | **{Stats.Median(times):0} ms** ({times.Min():0}–{times.Max():0}) | {Range(counts)} | {medianCount / spec.Due:0.00} | {Stats.Median(query):0.0} ms | {Stats.Median(emptyTimes):0.0} ms ({emptyTimes.Min():0.0}–{emptyTimes.Max():0.0}) | {Range(emptyCounts)} |");
        }

        if (byScenario.Count == 2)
        {
            var a = byScenario[0].ToList();
            var b = byScenario[1].ToList();
            var ratio = Stats.Median(a.Select(r => r.First.Milliseconds).ToList()) / Stats.Median(b.Select(r => r.First.Milliseconds).ToList());
            s.AppendLine();
            Line($"Run time A / B (medians): **{ratio:0.00}×** with {a[0].Spec.Open / (double)b[0].Spec.Open:0}× as many open assignments and the same number due.");
        }

        foreach (var g in byScenario)
        {
            var first = g.First();
            var identical = g.All(r => SameShape(r.First.Storage, first.First.Storage) && SameShape(r.Empty.Storage, first.Empty.Storage));
            s.AppendLine();
            Line($"### Scenario {first.Spec.Name}: requests by kind ({(identical ? "identical in every repetition" : "repetition 1; **they differed between repetitions**")})");
            s.AppendLine();
            s.AppendLine("| Run | Request | Count | Median time per request |");
            s.AppendLine("|---|---|---:|---:|");
            foreach (var (what, count, median) in first.First.Storage.Breakdown())
            {
                Line($"| first | {what} | {count} | {median:0.0} ms |");
            }

            foreach (var (what, count, median) in first.Empty.Storage.Breakdown())
            {
                Line($"| empty | {what} | {count} | {median:0.0} ms |");
            }
        }

        s.AppendLine();
        s.AppendLine("### Every repetition");
        s.AppendLine();
        s.AppendLine("| Scenario | # | Seeding (open × 4 requests, 32 in flight) | Run | Requests (non-2xx) | Empty run | Requests |");
        s.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            Line($"| {r.Spec.Name} | {r.Repeat} | {r.Seeding.TotalSeconds:0.0} s ({r.Spec.Open * 4 / r.Seeding.TotalSeconds:0} req/s) | {r.First.Milliseconds:0} ms | {r.First.Storage.Count} ({r.First.Storage.SdkNon2xx}) | {r.Empty.Milliseconds:0.0} ms | {r.Empty.Storage.Count} |");
        }

        s.AppendLine();
        s.AppendLine("### Checked after every repetition (the run fails otherwise)");
        s.AppendLine();
        foreach (var g in byScenario)
        {
            foreach (var check in g.First().Checks)
            {
                Line($"- {g.Key}: {check}");
            }
        }

        return s.ToString();
    }

    private static bool IsDueQuery(StorageRequest r) => r.Method == "GET" && r.Resource == Shared.Storage.TableNames.DueActions && r.Kind == "table query";

    private static bool SameShape(StorageCount x, StorageCount y) =>
        x.Count == y.Count && x.Breakdown().Select(b => (b.What, b.Count)).SequenceEqual(y.Breakdown().Select(b => (b.What, b.Count)));

    private static string Range(IReadOnlyList<double> values) =>
        values.Min() == values.Max()
            ? values[0].ToString("0", CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{Stats.Median(values):0} ({values.Min():0}–{values.Max():0})");
}
