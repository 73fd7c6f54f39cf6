using System.Globalization;

namespace PartnerIntake.RecognitionBench;

public sealed record BenchOptions(
    int Repeats,
    int Large,
    int Small,
    int Due,
    int Concurrency,
    int BatchConcurrency,
    int RenderIterations,
    int RenderRuns,
    bool Templates,
    string OutputPath,
    IReadOnlyList<string> Notes)
{
    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions(3, 100_000, 1_000, 100, 64, 4, 1_000, 7, true, Path.Combine("bench", "results", "recognition.md"), []);
        var notes = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Int() => int.Parse(Next(), CultureInfo.InvariantCulture);
            o = args[i] switch
            {
                "--repeats" => o with { Repeats = Int() },
                "--large" => o with { Large = Int() },
                "--small" => o with { Small = Int() },
                "--due" => o with { Due = Int() },
                "--concurrency" => o with { Concurrency = Int() },
                "--batch-concurrency" => o with { BatchConcurrency = Int() },
                "--render-iterations" => o with { RenderIterations = Int() },
                "--render-runs" => o with { RenderRuns = Int() },
                "--no-templates" => o with { Templates = false },
                "--out" => o with { OutputPath = Next() },
                "--note" => NoteAdded(o, notes, Next()),
                _ => throw new ArgumentException(
                    $"Unknown option {args[i]} (--repeats, --large, --small, --due, --concurrency, --batch-concurrency, " +
                    "--render-iterations, --render-runs, --no-templates, --out, --note)."),
            };
        }

        if (o.Repeats < 1 || o.Due < 1 || o.Due * o.Repeats > o.Small || o.Small > o.Large)
        {
            throw new ArgumentException($"Need repeats ≥ 1, due ≥ 1, due × repeats ≤ small ≤ large (repeats {o.Repeats}, due {o.Due}, small {o.Small}, large {o.Large}).");
        }

        return o with { Notes = notes };
    }

    private static BenchOptions NoteAdded(BenchOptions o, List<string> notes, string note)
    {
        notes.Add(note);
        return o;
    }
}
