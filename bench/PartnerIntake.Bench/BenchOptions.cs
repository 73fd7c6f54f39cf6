using System.Globalization;

namespace PartnerIntake.Bench;

/// <summary>Command-line settings of the load generator (all have defaults except the two addresses).</summary>
public sealed class BenchOptions
{
    public required Uri AppUrl { get; init; }

    public required string StorageConnectionString { get; init; }

    public int Concurrency { get; init; } = 32;

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(3);

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(15);

    public double E2eRate { get; init; } = 30;

    public TimeSpan E2eDuration { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Arrivals at the full rate just before the measured ones (same stream), so that the measurement starts in steady state.</summary>
    public TimeSpan E2eLeadIn { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How long to wait after the last arrival for the remaining inquiries to be routed.</summary>
    public TimeSpan E2eDrain { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The app's admin key (header x-functions-key), for GET /admin/storage/requests; run.sh starts the app with it.</summary>
    public string? AdminKey { get; init; }

    /// <summary>After the end-to-end run: raise the rate step by step until the app no longer keeps up.</summary>
    public bool Sweep { get; init; } = true;

    public double SweepStart { get; init; } = 40;

    public double SweepStep { get; init; } = 5;

    /// <summary>Counted arrivals per step (each step also starts with <see cref="SweepSettle"/> of uncounted arrivals at its rate).</summary>
    public TimeSpan SweepStepDuration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Arrivals at a step's rate before its counted ones: the change of rate settles meanwhile.</summary>
    public TimeSpan SweepSettle { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>A step holds only if every counted inquiry of it is routed within this long after the step's last arrival.</summary>
    public TimeSpan SweepDrain { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>No step above this rate (a safety stop).</summary>
    public double SweepMax { get; init; } = 1000;

    public string OutputPath { get; init; } = Path.Combine("bench", "results", "latest.md");

    /// <summary>Where to write the results as JSON as well (for merging with --include).</summary>
    public string? JsonOutputPath { get; init; }

    /// <summary>JSON results of earlier runs whose closed-loop scenarios join this report.</summary>
    public IReadOnlyList<string> Includes { get; init; } = [];

    /// <summary>Which scenarios to run, in this order (live, raw, e2e, intake; intake-paused for the diagnostic run).</summary>
    public IReadOnlyList<string> Phases { get; init; } = ["live", "raw", "e2e", "intake"];

    /// <summary>Processes whose CPU time is sampled per scenario (name → pid).</summary>
    public IReadOnlyDictionary<string, int> WatchedProcesses { get; init; } = new Dictionary<string, int>();

    /// <summary>Free-form lines for the report header (machine, versions), passed by run.sh.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    private static bool Flag(string name, string value) =>
        new[] { "on", "true", "yes", "1" }.Contains(value, StringComparer.OrdinalIgnoreCase) ? true
        : new[] { "off", "false", "no", "0" }.Contains(value, StringComparer.OrdinalIgnoreCase) ? false
        : throw new ArgumentException($"--{name} takes on or off, not '{value}'.");

    public static BenchOptions Parse(string[] args)
    {
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"Expected --name value pairs, got '{args[i]}'.");
            }

            var name = args[i][2..];
            if (!values.TryGetValue(name, out var list))
            {
                values[name] = list = [];
            }

            list.Add(args[++i]);
        }

        string? One(string name) => values.TryGetValue(name, out var v) ? v[^1] : null;
        double Number(string name, double fallback) =>
            One(name) is { } s ? double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture) : fallback;
        TimeSpan Seconds(string name, TimeSpan fallback) => TimeSpan.FromSeconds(Number(name, fallback.TotalSeconds));

        var defaults = new BenchOptions { AppUrl = new Uri("http://127.0.0.1:7071"), StorageConnectionString = "" };
        var watched = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in values.GetValueOrDefault("watch") ?? [])
        {
            var parts = entry.Split('=', 2);
            watched[parts[0]] = int.Parse(parts[1], CultureInfo.InvariantCulture);
        }

        return new BenchOptions
        {
            AppUrl = new Uri(One("app-url") ?? throw new ArgumentException("--app-url is required.")),
            StorageConnectionString = One("storage") ?? throw new ArgumentException("--storage is required."),
            Concurrency = (int)Number("concurrency", defaults.Concurrency),
            Warmup = Seconds("warmup", defaults.Warmup),
            Duration = Seconds("duration", defaults.Duration),
            E2eRate = Number("e2e-rate", defaults.E2eRate),
            E2eDuration = Seconds("e2e-duration", defaults.E2eDuration),
            E2eLeadIn = Seconds("e2e-lead-in", defaults.E2eLeadIn),
            E2eDrain = Seconds("e2e-drain", defaults.E2eDrain),
            AdminKey = One("admin-key"),
            Sweep = One("sweep") is { } sweep ? Flag("sweep", sweep) : defaults.Sweep,
            SweepStart = Number("sweep-start", defaults.SweepStart),
            SweepStep = Number("sweep-step", defaults.SweepStep),
            SweepStepDuration = Seconds("sweep-step-duration", defaults.SweepStepDuration),
            SweepSettle = Seconds("sweep-settle", defaults.SweepSettle),
            SweepDrain = Seconds("sweep-drain", defaults.SweepDrain),
            SweepMax = Number("sweep-max", defaults.SweepMax),
            OutputPath = One("out") ?? defaults.OutputPath,
            JsonOutputPath = One("json-out"),
            Includes = values.GetValueOrDefault("include") ?? [],
            Phases = One("phases") is { } p ? p.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : defaults.Phases,
            WatchedProcesses = watched,
            Notes = values.GetValueOrDefault("note") ?? [],
        };
    }
}
