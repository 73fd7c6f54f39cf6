using System.Diagnostics;

namespace PartnerIntake.Bench;

/// <summary>One submission of an open loop.</summary>
/// <param name="Segment">Index of the segment (rate and duration) it belongs to.</param>
/// <param name="SentAt">Wall clock when it was sent (the app's stamps are on the same machine's clock).</param>
/// <param name="SubmitMs">Until the app answered.</param>
public sealed record Submission(int Segment, string? Reference, string? Error, DateTimeOffset SentAt, double SubmitMs);

/// <summary>A stretch of an open loop at one rate.</summary>
/// <param name="Counted">Whether its inquiries are measured (else: lead-in or settling time).</param>
/// <param name="Start">Stopwatch timestamp when its first arrival was due.</param>
/// <param name="End">Stopwatch timestamp when its last arrival was sent.</param>
/// <param name="LastSentAt">Wall clock of its last arrival.</param>
public sealed record Segment(
    int Index,
    double Rate,
    bool Counted,
    int Count,
    long Start,
    long End,
    DateTimeOffset LastSentAt,
    double AchievedRate,
    double MaxScheduleLagMs,
    CpuUsage Cpu);

/// <summary>How the app's queue depth moved over a window.</summary>
/// <param name="Slope">Least-squares slope of the sampled depth, in messages per second.</param>
/// <param name="Start">Mean depth over the window's first second.</param>
/// <param name="End">Mean depth over its last second.</param>
public sealed record QueueGrowth(double Slope, double Start, double End, int Max, int Samples, double Seconds)
{
    public static readonly QueueGrowth Unknown = new(double.NaN, double.NaN, double.NaN, 0, 0, 0);

    /// <summary>
    /// Growing: the fitted slope is above <paramref name="perSecond"/> and the depth did end that much higher than it
    /// started. Both, because the depth jumps by a batch (up to 16 leased messages count as queued) from one sample to
    /// the next, and a lone jump near the end must not look like a backlog.
    /// </summary>
    public bool IsGrowing(double perSecond) =>
        Samples >= 3 && Slope > perSecond && End - Start > perSecond * Seconds;
}

/// <summary>
/// An open loop: inquiries are submitted on a fixed schedule whatever the answers' latency, in consecutive segments
/// whose rates may differ, without a pause between them (so the app's queue listener never idles into its long
/// polling interval between two segments). The app's queue depth is sampled in the background all along.
/// </summary>
public sealed class ArrivalStream
{
    private static readonly TimeSpan SampleEvery = TimeSpan.FromMilliseconds(250);

    private readonly AppClient client;
    private readonly CpuMeter cpu;
    private readonly QueueDepth depth;
    private readonly List<Task<Submission>> submissions = [];
    private readonly List<Segment> segments = [];
    private readonly List<(long At, int Depth)> samples = [];
    private readonly CancellationTokenSource stop = new();
    private readonly Task sampling;
    private long next;

    public ArrivalStream(AppClient client, CpuMeter cpu, QueueDepth depth)
    {
        this.client = client;
        this.cpu = cpu;
        this.depth = depth;
        sampling = SampleAsync();
    }

    public IReadOnlyList<Segment> Segments => segments;

    /// <summary>Arrivals at <paramref name="rate"/> for <paramref name="duration"/>, right after the previous segment's.</summary>
    public async Task<Segment> RunAsync(double rate, TimeSpan duration, bool counted)
    {
        var index = segments.Count;
        var count = Math.Max(1, (int)Math.Round(rate * duration.TotalSeconds));
        var start = next == 0 ? Clock.Now : next;
        var before = cpu.Take();
        var maxLag = 0.0;
        long first = 0;
        var lastSentAt = DateTimeOffset.MinValue;
        for (var i = 0; i < count; i++)
        {
            var due = start + (long)(i * Stopwatch.Frequency / rate);
            await Clock.Until(due);
            var now = Clock.Now;
            first = i == 0 ? now : first;
            maxLag = Math.Max(maxLag, Clock.Milliseconds(due, now));
            lastSentAt = TimeProvider.System.GetUtcNow();
            submissions.Add(SubmitAsync(client, index));
        }

        var end = Clock.Now;
        next = start + (long)(count * Stopwatch.Frequency / rate);
        var segment = new Segment(
            index,
            rate,
            counted,
            count,
            start,
            end,
            lastSentAt,
            count > 1 ? (count - 1) / (Clock.Milliseconds(first, end) / 1000.0) : double.NaN, // over the arrival intervals only
            maxLag,
            CpuMeter.Between(before, cpu.Take()));
        segments.Add(segment);
        return segment;
    }

    /// <summary>How the queue depth moved while <paramref name="segment"/>'s arrivals were sent.</summary>
    public QueueGrowth Growth(Segment segment)
    {
        List<(long At, int Depth)> window;
        lock (samples)
        {
            window = samples.Where(s => s.At >= segment.Start && s.At <= segment.End).ToList();
        }

        if (window.Count < 3)
        {
            return QueueGrowth.Unknown with { Samples = window.Count, Max = window.Count > 0 ? window.Max(w => w.Depth) : 0 };
        }

        var xs = window.Select(w => Clock.Milliseconds(segment.Start, w.At) / 1000.0).ToArray();
        var ys = window.Select(w => (double)w.Depth).ToArray();
        var (mx, my) = (xs.Average(), ys.Average());
        var sxx = xs.Sum(x => (x - mx) * (x - mx));
        var slope = sxx > 0 ? xs.Zip(ys, (x, y) => (x - mx) * (y - my)).Sum() / sxx : double.NaN;
        var seconds = Clock.Milliseconds(segment.Start, segment.End) / 1000.0;
        var head = window.Where((_, i) => xs[i] <= 1).Select(w => (double)w.Depth).DefaultIfEmpty(ys[0]).Average();
        var tail = window.Where((_, i) => xs[i] >= seconds - 1).Select(w => (double)w.Depth).DefaultIfEmpty(ys[^1]).Average();
        return new QueueGrowth(slope, head, tail, window.Max(w => w.Depth), window.Count, seconds);
    }

    /// <summary>Waits for every answer and stops sampling; the submissions in order of arrival.</summary>
    public async Task<IReadOnlyList<Submission>> CompleteAsync()
    {
        var all = await Task.WhenAll(submissions);
        await stop.CancelAsync();
        await sampling;
        stop.Dispose();
        return all;
    }

    private async Task SampleAsync()
    {
        await Task.Yield();
        while (!stop.IsCancellationRequested)
        {
            var t0 = Clock.Now;
            if (await depth.ReadAsync() is { } d)
            {
                lock (samples)
                {
                    samples.Add((t0 + ((Clock.Now - t0) / 2), d));
                }
            }

            try
            {
                await Task.Delay(SampleEvery, stop.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    public static async Task<Submission> SubmitAsync(AppClient client, int segment)
    {
        await Task.Yield(); // the arrival loop must not run the request's synchronous part
        var sentAt = TimeProvider.System.GetUtcNow();
        var t0 = Clock.Now;
        try
        {
            var (reference, error) = await client.SubmitWithReferenceAsync(CancellationToken.None);
            return new Submission(segment, reference, error, sentAt, Clock.Milliseconds(t0, Clock.Now));
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            return new Submission(segment, null, $"{ex.GetType().Name}: {ex.Message}", sentAt, Clock.Milliseconds(t0, Clock.Now));
        }
    }
}
