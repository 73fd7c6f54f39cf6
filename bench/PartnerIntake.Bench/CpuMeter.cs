using System.Diagnostics;
using System.Globalization;

namespace PartnerIntake.Bench;

/// <summary>CPU used per process (in cores: CPU seconds per wall second) and by the whole machine over a window.</summary>
public sealed record CpuUsage(IReadOnlyList<(string Name, double Cores)> Processes, double MachineBusyPercent)
{
    /// <summary>Cores busy with anything but the watched processes and the generator (other work on the machine).</summary>
    public double Other => Math.Max(0, (MachineBusyPercent / 100 * Environment.ProcessorCount) - Processes.Sum(p => p.Cores));

    public string Describe() =>
        string.Join(", ", Processes.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Name} {p.Cores:0.00}")))
        + (double.IsNaN(MachineBusyPercent) ? "" : string.Create(CultureInfo.InvariantCulture, $", other {Other:0.00}; machine {MachineBusyPercent:0}% busy"));
}

public sealed class CpuMeter(IReadOnlyDictionary<string, int> watched)
{
    public sealed record Snapshot(long Timestamp, IReadOnlyDictionary<string, TimeSpan> Cpu, (long Busy, long Total)? Machine);

    public Snapshot Take()
    {
        var cpu = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        using (var self = Process.GetCurrentProcess())
        {
            cpu["bench"] = self.TotalProcessorTime;
        }

        foreach (var (name, pid) in watched)
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                cpu[name] = process.TotalProcessorTime;
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
            {
                // Gone: left out of the report.
            }
        }

        return new Snapshot(Clock.Now, cpu, ReadMachine());
    }

    public static CpuUsage Between(Snapshot from, Snapshot to)
    {
        var wall = Clock.Milliseconds(from.Timestamp, to.Timestamp) / 1000.0;
        var processes = to.Cpu
            .Where(p => from.Cpu.ContainsKey(p.Key))
            .Select(p => (p.Key, (p.Value - from.Cpu[p.Key]).TotalSeconds / wall))
            .OrderBy(p => p.Key == "bench" ? 1 : 0)
            .ThenBy(p => p.Key, StringComparer.Ordinal)
            .ToList();
        var machine = from.Machine is { } a && to.Machine is { } b && b.Total > a.Total
            ? 100.0 * (b.Busy - a.Busy) / (b.Total - a.Total)
            : double.NaN;
        return new CpuUsage(processes, machine);
    }

    /// <summary>First line of /proc/stat: busy = total − idle − iowait (jiffies).</summary>
    private static (long Busy, long Total)? ReadMachine()
    {
        try
        {
            using var reader = new StreamReader("/proc/stat");
            var fields = reader.ReadLine()?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields is null || fields.Length < 6 || fields[0] != "cpu")
            {
                return null;
            }

            var numbers = fields.Skip(1).Take(8).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            var total = numbers.Sum();
            return (total - numbers[3] - numbers[4], total);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
