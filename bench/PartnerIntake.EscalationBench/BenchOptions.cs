using System.Globalization;

namespace PartnerIntake.EscalationBench;

public sealed record BenchOptions(int Repeats, int Open, int Due, int Small, int Concurrency, bool FreshLarge, string OutputPath, IReadOnlyList<string> Notes)
{
    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions(3, 10_000, 100, 100, 32, false, Path.Combine("bench", "results", "escalation.md"), []);
        var notes = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Int() => int.Parse(Next(), CultureInfo.InvariantCulture);
            o = args[i] switch
            {
                "--repeats" => o with { Repeats = Int() },
                "--open" => o with { Open = Int() },
                "--due" => o with { Due = Int() },
                "--small" => o with { Small = Int() },
                "--concurrency" => o with { Concurrency = Int() },
                "--fresh-large" => o with { FreshLarge = true },
                "--out" => o with { OutputPath = Next() },
                "--note" => NoteAdded(o, notes, Next()),
                _ => throw new ArgumentException($"Unknown option {args[i]} (--repeats, --open, --due, --small, --concurrency, --fresh-large, --out, --note)."),
            };
        }

        return o with { Notes = notes };
    }

    private static BenchOptions NoteAdded(BenchOptions o, List<string> notes, string note)
    {
        notes.Add(note);
        return o;
    }
}
