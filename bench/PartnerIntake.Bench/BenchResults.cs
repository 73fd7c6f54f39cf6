using System.Text.Json;

namespace PartnerIntake.Bench;

/// <summary>Everything one generator run measured; also written as JSON so run.sh can merge runs into one report.</summary>
public sealed class BenchResults
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        IncludeFields = true, // the (name, cores) tuples of CpuUsage
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals, // NaN percentiles
        WriteIndented = true,
    };

    public DateTimeOffset StartedAt { get; set; }

    public int DocumentBytes { get; set; }

    public List<ClosedLoopResult> Closed { get; init; } = [];

    public E2eResult? E2e { get; set; }

    public SweepResult? Sweep { get; set; }
}
