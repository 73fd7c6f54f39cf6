using System.Diagnostics;
using System.Globalization;

namespace PartnerIntake.BenchCommon;

/// <summary>Cores used over a window (CPU seconds per wall second): this process, Azurite, and everything else.</summary>
public sealed record CpuUsage(double Bench, double Azurite, double Other)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Bench:0.00} / {Azurite:0.00} / {Other:0.00}");
}

/// <summary>Like bench/PartnerIntake.Bench's CpuMeter: process times plus the first line of /proc/stat.</summary>
public sealed class CpuMeter(int azuritePid)
{
    private long startedAt;
    private TimeSpan self;
    private TimeSpan azurite;
    private (long Busy, long Total)? machine;

    public void Start()
    {
        machine = ReadMachine();
        self = SelfCpu();
        azurite = ProcessCpu(azuritePid);
        startedAt = Stopwatch.GetTimestamp();
    }

    public CpuUsage Stop()
    {
        var wall = Stopwatch.GetElapsedTime(startedAt).TotalSeconds;
        var benchCores = (SelfCpu() - self).TotalSeconds / wall;
        var azuriteCores = (ProcessCpu(azuritePid) - azurite).TotalSeconds / wall;
        var now = ReadMachine();
        var other = machine is { } a && now is { } b && b.Total > a.Total
            ? Math.Max(0, ((double)(b.Busy - a.Busy) / (b.Total - a.Total) * Environment.ProcessorCount) - benchCores - azuriteCores)
            : double.NaN;
        return new CpuUsage(benchCores, azuriteCores, other);
    }

    /// <summary>
    /// Waits, at most <paramref name="limit"/>, until the other processes (not this one, not Azurite) use under 0.15
    /// cores over a second. Returns how long it waited and whether the machine was quiet.
    /// </summary>
    public static async Task<(TimeSpan Waited, bool Quiet)> WaitForQuietAsync(int azuritePid, TimeSpan limit, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var cpu = new CpuMeter(azuritePid);
            cpu.Start();
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            var other = cpu.Stop().Other;
            if (double.IsNaN(other) || other < 0.15)
            {
                return (waited.Elapsed, true);
            }

            if (waited.Elapsed > limit)
            {
                return (waited.Elapsed, false);
            }
        }
    }

    private static TimeSpan SelfCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    private static TimeSpan ProcessCpu(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.TotalProcessorTime;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            return TimeSpan.Zero;
        }
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
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
