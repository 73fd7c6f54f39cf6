using System.Globalization;
using System.Text;
using PartnerIntake.MailBench;
using PartnerIntake.Shared.Mail;

// Options: --iterations (render calls per run, 2000) --runs (7) --sends (500 per run) --out (report path) --label (e.g. "before").
var options = args.Select((a, i) => (a, i)).Where(p => p.a.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(p => p.a[2..], p => p.i + 1 < args.Length ? args[p.i + 1] : "", StringComparer.Ordinal);
int Int(string name, int fallback) => options.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
var iterations = Int("iterations", 2000);
var runs = Int("runs", 7);
var sends = Int("sends", 500);
var label = options.GetValueOrDefault("label", "");
var output = options.GetValueOrDefault("out", "bench/results/mail.md");

var templates = new MailTemplates();
Console.WriteLine($"[mail] rendering {Samples.Kinds.Count} kinds: {runs} runs of {iterations} calls");
var renders = RenderBench.Run(templates, iterations, runs);
Console.WriteLine($"[mail] sending: {runs} runs of {sends} messages per path");
var sendsResult = await SendBench.RunAsync(templates, sends, runs);

var report = new StringBuilder();
var inv = CultureInfo.InvariantCulture;
report.AppendLine(inv, $"# Mail benchmark {label}").AppendLine();
foreach (var note in args.Select((a, i) => (a, i)).Where(p => p.a == "--note").Select(p => args[p.i + 1]))
{
    report.AppendLine(inv, $"- {note}");
}

report.AppendLine().AppendLine("Render per notice, English, full model (µs per call: median of the runs (range); bytes allocated per call, median):").AppendLine();
report.AppendLine("| Kind | µs per render | allocated | characters |").AppendLine("|---|---:|---:|---:|");
foreach (var r in renders)
{
    report.AppendLine(inv, $"| {r.Kind} | {Stats.MedianRange(r.Runs.Select(s => s.Micros).ToList(), "F1")} | {Stats.Median(r.Runs.Select(s => s.Bytes / 1024).ToList()):F1} KB | {r.Chars} |");
}

report.AppendLine().AppendLine(inv, $"Send per message, sequential, loopback (µs per send: median of {runs} runs of {sends} (range); bytes allocated per send in the whole process, listener included):").AppendLine();
report.AppendLine("| Path | µs per send | allocated |").AppendLine("|---|---:|---:|");
foreach (var s in sendsResult)
{
    report.AppendLine(inv, $"| {s.Path} | {Stats.MedianRange(s.Runs.Select(x => x.Micros).ToList(), "F0")} | {Stats.Median(s.Runs.Select(x => x.Bytes / 1024).ToList()):F1} KB |");
}

var baseline = Stats.Median(sendsResult[0].Runs.Select(x => x.Micros).ToList());
var transport = Stats.Median(sendsResult[1].Runs.Select(x => x.Micros).ToList());
report.AppendLine().AppendLine(inv, $"SendGrid transport overhead over the bare POST: {transport - baseline:F0} µs per send (medians); listener requests: {sendsResult[^1].Requests}.");
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
await File.WriteAllTextAsync(output, report.ToString());
Console.WriteLine(report);
