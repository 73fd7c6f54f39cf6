using System.Diagnostics;

namespace PartnerIntake.MailBench;

/// <summary>Microseconds and bytes allocated (whole process, precise) per call, over a number of calls.</summary>
public sealed record Sample(double Micros, double Bytes);

public static class Measure
{
    public static Sample Sync(Action call, int iterations)
    {
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
        {
            call();
        }

        stopwatch.Stop();
        return new Sample(stopwatch.Elapsed.TotalMicroseconds / iterations, (double)(GC.GetTotalAllocatedBytes(precise: true) - allocated) / iterations);
    }

    public static async Task<Sample> Async(Func<int, Task> call, int iterations)
    {
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
        {
            await call(i);
        }

        stopwatch.Stop();
        return new Sample(stopwatch.Elapsed.TotalMicroseconds / iterations, (double)(GC.GetTotalAllocatedBytes(precise: true) - allocated) / iterations);
    }
}
