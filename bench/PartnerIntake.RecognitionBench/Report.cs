using System.Globalization;
using System.Text;

namespace PartnerIntake.RecognitionBench;

public sealed record ScenarioSummary(ScenarioSpec Spec, Seeded Seeded, TimeSpan Startup, IReadOnlyList<ProbeResult> Probes);

public static class Report
{
    public static string Render(
        BenchOptions options, DateTimeOffset startedAt, TimeSpan took, IReadOnlyList<ScenarioSummary> scenarios,
        IReadOnlyList<ScenarioResult> results, IReadOnlyList<RenderResult> renders, IReadOnlyList<string> globalChecks)
    {
        var s = new StringBuilder();
        void L(FormattableString line = default!) => s.AppendLine(line is null ? "" : line.ToString(CultureInfo.InvariantCulture));
        static string F(double v, string format = "0.0") => v.ToString(format, CultureInfo.InvariantCulture);
        static string N(long v) => v.ToString("N0", CultureInfo.InvariantCulture);

        L($"# SendRecognitions benchmark");
        L();
        s.Append(CultureInfo.InvariantCulture, $"Run started {startedAt:yyyy-MM-dd HH:mm} UTC, took {took.TotalMinutes:0.0} min. `bench/PartnerIntake.RecognitionBench/run.sh`; options: repeats {options.Repeats}, ");
        L($"large {options.Large:N0}, small {options.Small:N0}, due {options.Due} per run, seeding concurrency {options.Concurrency} single inserts / {options.BatchConcurrency} batches.");
        L();
        foreach (var note in options.Notes)
        {
            L($"- {note}");
        }

        L($"- {Environment.ProcessorCount} cores; .NET runtime {Environment.Version}; Release build; app log: none (NullLogger).");
        L();

        L($"## Seeded (one fresh in-memory Azurite per scenario)");
        L();
        L($"| Scenario | Donations rows | Notices rows | day partitions | largest partition | rows in today's partition | Notices: batches, time | Donations: time | start-up total |");
        L($"|---|---:|---:|---:|---:|---:|---|---|---:|");
        foreach (var sc in scenarios)
        {
            var d = sc.Seeded;
            L($"| {sc.Spec.Name} | {N(d.Donations)} | {N(d.NoticeRows + 1)} | {d.DayPartitions} | {N(d.LargestPartition)} | {N(d.TodayRows)} | {N(d.NoticeBatches)} batches, {F(d.NoticesTook.TotalSeconds)} s ({F(d.NoticeRows / d.NoticesTook.TotalSeconds, "N0")} rows/s) | {F(d.DonationsTook.TotalSeconds)} s ({F(d.Donations / d.DonationsTook.TotalSeconds, "N0")}/s) | {F(sc.Startup.TotalSeconds)} s |");
        }

        L();
        L($"Notices rows include the checkpoint row. Today's partition holds the {options.Repeats} waves of {options.Due} thank-yous (one wave due per repetition) plus the notices due later today.");
        L();

        L($"## One SendDueAsync run with {options.Due} due, and an immediate second run (median (min–max) of {options.Repeats})");
        L();
        L($"| Scenario | Donations | due | run: wall ms | ms per sent notice | storage requests | empty run: wall ms | storage requests | CPU in run (cores): bench / Azurite |");
        L($"|---|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var group in results.GroupBy(r => r.Spec.Name))
        {
            var rs = group.ToList();
            var spec = rs[0].Spec;
            L($"| {spec.Name} | {N(spec.Donations)} | {spec.DuePerWave} | {Stats.MedianRange([.. rs.Select(r => r.First.Milliseconds)], "0")} | {Stats.MedianRange([.. rs.Select(r => r.First.Milliseconds / Math.Max(1, r.First.Result.Sent))], "0.00")} | {Stats.MedianRange([.. rs.Select(r => (double)r.First.Storage.Count)], "0")} | {Stats.MedianRange([.. rs.Select(r => r.Empty.Milliseconds)], "0.0")} | {Stats.MedianRange([.. rs.Select(r => (double)r.Empty.Storage.Count)], "0")} | {F(Stats.Median([.. rs.Select(r => r.First.Cpu.Bench)]), "0.00")} / {F(Stats.Median([.. rs.Select(r => r.First.Cpu.Azurite)]), "0.00")} |");
        }

        L();
        foreach (var group in results.GroupBy(r => r.Spec.Name))
        {
            var rs = group.ToList();
            var same = rs.All(r => r.First.Storage.Kinds() == rs[0].First.Storage.Kinds() && r.Empty.Storage.Kinds() == rs[0].Empty.Storage.Kinds()
                && r.First.Storage.TransactionOperations == rs[0].First.Storage.TransactionOperations);
            L($"- {group.Key}: the app's `StorageRequestCounter` by kind ({(same ? "the same in every repetition" : "**they differed between repetitions**; repetition 1")}): run: {rs[0].First.Storage.Kinds()} ({rs[0].First.Storage.TransactionOperations} operations inside the `POST $batch` transactions); empty run: {rs[0].Empty.Storage.Kinds()}.");
        }

        L();
        L($"### Every repetition (in the order run)");
        L();
        L($"| # | Scenario | wave | run: result | ms | requests (non-2xx) | storage time ms (sum of requests) | empty run: result | ms | requests | CPU run: bench / Azurite / other |");
        L($"|---:|---|---:|---|---:|---:|---:|---|---:|---:|---|");
        var index = 0;
        foreach (var r in results)
        {
            index++;
            L($"| {index} | {r.Spec.Name} | {r.Wave} | {Describe(r.First.Result)} | {F(r.First.Milliseconds, "0")} | {r.First.Storage.Count} ({r.First.Storage.Non2xx}) | {F(r.First.Storage.HttpRequests.Sum(h => h.Milliseconds), "0")} | {Describe(r.Empty.Result)} | {F(r.Empty.Milliseconds)} | {r.Empty.Storage.Count} | {r.First.Cpu} |");
        }

        L();
        var busiest = results.Max(r => double.IsNaN(r.First.Cpu.Other) ? 0 : r.First.Cpu.Other);
        if (busiest > 0.2)
        {
            L($"**Warning:** other processes used up to {busiest:0.00} cores during a measured run (`other` column): those figures are disturbed.");
            L();
        }

        L($"### Storage requests by table and operation (median ms per request over all repetitions)");
        L();
        var names = results.Select(r => r.Spec.Name).Distinct().ToList();
        foreach (var (title, pick) in new (string, Func<ScenarioResult, RunMeasure>)[] { ("run with due notices", r => r.First), ("empty run", r => r.Empty) })
        {
            L($"{title}:");
            L();
            L($"| Request | {string.Join(" | ", names.Select(n => $"{n}: count per run | {n}: median ms"))} |");
            L($"|---|{string.Join("|", names.Select(_ => "---:|---:"))}|");
            var rows = results.SelectMany(r => pick(r).Storage.HttpRequests.Select(h => (r.Spec.Name, Repeat: r.Repeat, Label: StorageCount.Label(h), h.Milliseconds))).ToList();
            foreach (var label in rows.Select(x => x.Label).Distinct().Order(StringComparer.Ordinal))
            {
                var cells = names.Select(n =>
                {
                    var mine = rows.Where(x => x.Name == n && x.Label == label).ToList();
                    var perRun = results.Where(r => r.Spec.Name == n).Select(r => (double)mine.Count(x => x.Repeat == r.Repeat)).ToList();
                    return mine.Count == 0 ? "0 | –" : $"{Stats.MedianRange(perRun, "0")} | {F(Stats.Median([.. mine.Select(x => x.Milliseconds)]), "0.00")}";
                });
                L($"| {label} | {string.Join(" | ", cells)} |");
            }

            L();
        }

        L($"## Single Notices requests timed on their own, after the runs (median (min–max) ms of 5, client-measured)");
        L();
        L($"| Request | {string.Join(" | ", scenarios.Select(sc => $"{sc.Spec.Name} ({N(sc.Seeded.NoticeRows + 1)} Notices rows): rows in partition | rows returned | ms"))} |");
        L($"|---|{string.Join("|", scenarios.Select(_ => "---:|---:|---:"))}|");
        for (var i = 0; i < (scenarios.FirstOrDefault()?.Probes.Count ?? 0); i++)
        {
            L($"| {scenarios[0].Probes[i].What} | {string.Join(" | ", scenarios.Select(sc => $"{N(sc.Probes[i].PartitionRows)} | {sc.Probes[i].Rows} | {Stats.MedianRange(sc.Probes[i].Milliseconds, "0.0")}"))} |");
        }

        L();
        if (renders.Count > 0)
        {
            var langs = renders.Select(r => r.Lang).Distinct().ToList();
            L($"## Template render time per notice (µs per call, median of {options.RenderRuns} runs × {options.RenderIterations:N0} calls, single thread)");
            L();
            L($"`MailTemplates.Render` (subject + text + HTML) with the unit tests' sample models:");
            L();
            L($"| Kind | {string.Join(" | ", langs)} | median over languages | KB allocated per render | output chars |");
            L($"|---|{string.Join("|", langs.Select(_ => "---:"))}|---:|---:|---:|");
            foreach (var kind in renders.Select(r => r.Kind).Distinct())
            {
                var mine = renders.Where(r => r.Kind == kind).ToList();
                L($"| {kind} | {string.Join(" | ", langs.Select(l => F(Stats.Median(mine.Single(r => r.Lang == l).RenderMicros))))} | **{F(Stats.Median([.. mine.Select(r => Stats.Median(r.RenderMicros))]))}** | {F(Stats.Median([.. mine.Select(r => r.RenderBytes / 1024)]))} | {F(Stats.Median([.. mine.Select(r => (double)r.Chars)]), "0")} |");
            }

            L();
            L($"`RecognitionMails.Compose` (what a run calls per notice: model, signed unsubscribe link, render):");
            L();
            L($"| Kind | {string.Join(" | ", langs)} | median over languages | KB allocated per compose |");
            L($"|---|{string.Join("|", langs.Select(_ => "---:"))}|---:|---:|");
            foreach (var kind in renders.Select(r => r.Kind).Distinct())
            {
                var mine = renders.Where(r => r.Kind == kind).ToList();
                L($"| {kind} | {string.Join(" | ", langs.Select(l => F(Stats.Median(mine.Single(r => r.Lang == l).ComposeMicros))))} | **{F(Stats.Median([.. mine.Select(r => Stats.Median(r.ComposeMicros))]))}** | {F(Stats.Median([.. mine.Select(r => r.ComposeBytes / 1024)]))} |");
            }

            var spread = renders.SelectMany(r => r.RenderMicros.Select(m => m / Stats.Median(r.RenderMicros))).Order().ToList();
            L();
            L($"Run-to-run spread of the render times around each median: 10th–90th percentile {F(spread[spread.Count / 10] * 100 - 100, "+0;-0")} % to {F(spread[spread.Count * 9 / 10] * 100 - 100, "+0;-0")} %, extremes {F(spread[0] * 100 - 100, "+0;-0")} % to {F(spread[^1] * 100 - 100, "+0;-0")} %.");
            L();
        }

        L($"## Checks");
        L();
        foreach (var check in globalChecks)
        {
            L($"- {check}");
        }

        foreach (var r in results)
        {
            L($"- {r.Spec.Name} #{r.Repeat} (wave {r.Wave}): {string.Join("; ", r.Checks)}");
        }

        return s.ToString();
    }

    private static string Describe(Shared.Recognition.RecognitionRun r) =>
        string.Create(CultureInfo.InvariantCulture, $"{r.Due} due, {r.Sent} sent, {r.Skipped} skipped, {r.Deferred} deferred");
}
