using System.Collections.Concurrent;

namespace PartnerIntake.Bench;

/// <summary>What one closed-loop scenario measured.</summary>
public sealed record ClosedLoopResult(
    string Kind,
    string Name,
    string Load,
    int Ok,
    int Errors,
    double Seconds,
    LatencySummary Latency,
    CpuUsage Cpu,
    int? QueueDepthBefore,
    int? QueueDepthAfter,
    IReadOnlyList<string> ErrorSamples)
{
    public double Throughput => Ok / Seconds;

    /// <summary>How much the app's routing backlog grew per second during the window.</summary>
    public double? BacklogGrowth => QueueDepthAfter - QueueDepthBefore is { } d ? d / Seconds : null;
}

/// <summary>
/// N workers, each sending its next request as soon as the previous one is answered. Requests that
/// complete during the warm-up are not counted; after the warm-up, every request completing within
/// the measured window counts towards throughput and latency.
/// </summary>
public static class ClosedLoop
{
    /// <param name="operation">One request; returns null on success, else a short error description.</param>
    public static async Task<ClosedLoopResult> RunAsync(
        string kind,
        string name,
        int concurrency,
        TimeSpan warmup,
        TimeSpan duration,
        CpuMeter cpu,
        QueueDepth depth,
        Func<CancellationToken, Task<string?>> operation)
    {
        Console.Error.WriteLine($"[bench] {name}: {concurrency} workers, {warmup.TotalSeconds:0}s warm-up + {duration.TotalSeconds:0}s");
        var start = Clock.Now;
        var measureFrom = Clock.After(start, warmup);
        var measureTo = Clock.After(measureFrom, duration);
        var errors = new ConcurrentQueue<string>();
        var errorCount = 0;

        using var stop = new CancellationTokenSource();
        var sampling = SampleAsync(cpu, depth, measureFrom, measureTo);
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            var latencies = new List<double>(4096);
            while (Clock.Now < measureTo)
            {
                var t0 = Clock.Now;
                string? error;
                try
                {
                    error = await operation(stop.Token);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    error = $"{ex.GetType().Name}: {ex.Message}";
                }

                var t1 = Clock.Now;
                if (t1 < measureFrom || t1 > measureTo)
                {
                    continue;
                }

                if (error is null)
                {
                    latencies.Add(Clock.Milliseconds(t0, t1));
                }
                else
                {
                    Interlocked.Increment(ref errorCount);
                    if (errors.Count < 5)
                    {
                        errors.Enqueue(error);
                    }
                }
            }

            return latencies;
        })).ToList();

        var all = await Task.WhenAll(workers);
        var (usage, depthBefore, depthAfter) = await sampling;
        var ok = all.Sum(l => l.Count);
        return new ClosedLoopResult(kind, name, $"{concurrency} workers (closed loop)", ok, errorCount, duration.TotalSeconds,
            LatencySummary.Of(all.SelectMany(l => l)), usage, depthBefore, depthAfter, errors.Distinct().ToList());
    }

    private static async Task<(CpuUsage Usage, int? DepthBefore, int? DepthAfter)> SampleAsync(CpuMeter cpu, QueueDepth depth, long from, long to)
    {
        await Clock.Until(from);
        var a = cpu.Take();
        var depthBefore = await depth.ReadAsync();
        await Clock.Until(to);
        var usage = CpuMeter.Between(a, cpu.Take());
        return (usage, depthBefore, await depth.ReadAsync());
    }
}
