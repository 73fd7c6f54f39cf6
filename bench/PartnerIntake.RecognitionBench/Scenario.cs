using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PartnerIntake.Shared.Assignment;
using PartnerIntake.Shared.Common;
using PartnerIntake.Shared.Mail;
using PartnerIntake.Shared.Recognition;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.RecognitionBench;

public sealed record ScenarioSpec(string Name, int Donations, int DuePerWave);

/// <summary>One measured SendDueAsync call: what it returned, how long it took, what storage it touched, the CPU it used.</summary>
public sealed record RunMeasure(RecognitionRun Result, double Milliseconds, StorageCount Storage, CpuUsage Cpu);

public sealed record ScenarioResult(ScenarioSpec Spec, int Repeat, int Wave, RunMeasure First, RunMeasure Empty, IReadOnlyList<string> Checks);

/// <summary>
/// A scenario on its own fresh in-memory Azurite: the app's <see cref="Recognition"/> built as the functions build it (real
/// Table stores, RecognitionSchedule, RecognitionMails with the shared MailTemplates, MailSender with the real outbox table
/// and the real <see cref="LocalOutboxTransport"/> writing .eml files to a temporary folder, wrapped to record what it is
/// given), a <see cref="FakeTimeProvider"/> that advances 1 ms per reading (so that stamps still advance), and the seed. Each <see cref="MeasureNextWaveAsync"/> sets the clock to the next wave's
/// instant and measures two SendDueAsync calls: the one that finds the wave due, and an immediate one with nothing due.
/// </summary>
public sealed class Scenario : IAsyncDisposable
{
    public const string SigningKey = "recognition-bench-signing-key-0123456789abcdef";

    private readonly string outbox;
    private readonly RecordingTransport transport;
    private readonly HashSet<string> sentEver = new(StringComparer.Ordinal);
    private readonly Recognition recognition;
    private int wave;

    private Scenario(ScenarioSpec spec, Timeline timeline, Azurite azurite, StorageAccount storage, StorageRequestCounter requests, FakeTimeProvider clock,
        string outbox, RecordingTransport transport, Recognition recognition, Seeded seeded)
    {
        Spec = spec;
        Timeline = timeline;
        Azurite = azurite;
        Storage = storage;
        Requests = requests;
        Clock = clock;
        this.outbox = outbox;
        this.transport = transport;
        this.recognition = recognition;
        Seeded = seeded;
    }

    public ScenarioSpec Spec { get; }

    public Timeline Timeline { get; }

    public Azurite Azurite { get; }

    public StorageAccount Storage { get; }

    /// <summary>Counts every request made through <see cref="Storage"/> (the app's counting policy, as the app wires it).</summary>
    public StorageRequestCounter Requests { get; }

    public FakeTimeProvider Clock { get; }

    public Seeded Seeded { get; }

    public TimeSpan Startup { get; private set; }

    /// <summary>How long the last measurement waited for a quiet machine, and whether it got one.</summary>
    public (TimeSpan Waited, bool Quiet) QuietWait { get; private set; }

    public static async Task<Scenario> StartAsync(
        ScenarioSpec spec, int waves, string repoRoot, MailTemplates templates, BenchOptions options, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        var outbox = Directory.CreateTempSubdirectory("pi-recognition-outbox-").FullName;
        Azurite? azurite = null;
        try
        {
            azurite = await Azurite.StartAsync(repoRoot);
            var requests = new StorageRequestCounter();
            var storage = StorageClients.Connect(azurite.ConnectionString, requests);
            await storage.EnsureCreatedAsync([], cancellationToken);
            var timeline = Timeline.ForToday(waves);
            var clock = new FakeTimeProvider(timeline.Base - TimeSpan.FromHours(3)) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) };
            var recognitionOptions = Options.Create(new RecognitionOptions());
            var schedule = new RecognitionSchedule(recognitionOptions);
            var transport = new RecordingTransport(new LocalOutboxTransport(Options.Create(new MailOptions { OutboxPath = outbox }), clock));
            var links = new ActionLinks(Options.Create(new LinkOptions { SigningKey = SigningKey }), clock);
            var recognition = new Recognition(
                new TableDonationStore(storage),
                new TableNoticeStore(storage, clock),
                schedule,
                new RecognitionMails(templates, Options.Create(new AppOptions()), links),
                new NoMetrics(),
                new MailSender(new TableMailOutbox(storage), transport, clock, NullLogger<MailSender>.Instance),
                clock,
                NullLogger<Recognition>.Instance);
            var seeded = await Seeder.SeedAsync(storage, schedule, timeline, spec.Donations, spec.DuePerWave,
                options.Concurrency, options.BatchConcurrency, cancellationToken);
            return new Scenario(spec, timeline, azurite, storage, requests, clock, outbox, transport, recognition, seeded) { Startup = started.Elapsed };
        }
        catch
        {
            if (azurite is not null)
            {
                await azurite.DisposeAsync();
            }

            TryDelete(outbox);
            throw;
        }
    }

    public async Task<ScenarioResult> MeasureNextWaveAsync(int repeat, CancellationToken cancellationToken)
    {
        if (wave >= Seeded.DueByWave.Count)
        {
            throw new InvalidOperationException("No seeded wave left.");
        }

        // Let Azurite settle (after seeding, or the other scenario's run) and wait, for a while, for the machine to be
        // quiet (other processes below 0.15 cores over a second); then warm Azurite's code paths on a scratch table, and
        // collect the seeding's garbage here, so that none of it lands in the measured runs.
        QuietWait = await CpuMeter.WaitForQuietAsync(Azurite.ProcessId, TimeSpan.FromSeconds(45), cancellationToken);
        await WarmAzuriteAsync(Storage, cancellationToken);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Clock.SetUtcNow(Timeline.WaveNow(wave));
        using var meter = new StorageMeter(Azurite.TablePort, Requests);
        var first = await MeasureAsync(meter, cancellationToken);
        var sentInFirst = transport.Drain();
        var empty = await MeasureAsync(meter, cancellationToken);
        var sentInEmpty = transport.Drain();
        var checks = await VerifyAsync(first, sentInFirst, empty, sentInEmpty, cancellationToken);
        wave++;
        return new ScenarioResult(Spec, repeat, wave, first, empty,
            [.. checks, string.Create(CultureInfo.InvariantCulture, $"waited {QuietWait.Waited.TotalSeconds:0} s for a quiet machine{(QuietWait.Quiet ? "" : " and did not get one")}")]);
    }

    public async ValueTask DisposeAsync()
    {
        await Azurite.DisposeAsync();
        TryDelete(outbox);
    }

    private async Task<RunMeasure> MeasureAsync(StorageMeter meter, CancellationToken cancellationToken)
    {
        var cpu = new CpuMeter(Azurite.ProcessId);
        cpu.Start();
        meter.Start();
        var stopwatch = Stopwatch.StartNew();
        var result = await recognition.SendDueAsync(cancellationToken);
        stopwatch.Stop();
        var storage = meter.Stop();
        return new RunMeasure(result, stopwatch.Elapsed.TotalMilliseconds, storage, cpu.Stop());
    }

    /// <summary>Exactly this wave's thank-yous went out, once each, and are marked; the empty run sent nothing; the checkpoint is today.</summary>
    private async Task<IReadOnlyList<string>> VerifyAsync(
        RunMeasure first, IReadOnlyList<string> sentInFirst, RunMeasure empty, IReadOnlyList<string> sentInEmpty, CancellationToken cancellationToken)
    {
        var due = Seeded.DueByWave[wave];
        var expected = due.Values.Select(n => n.OutboxId).ToHashSet(StringComparer.Ordinal);
        var failures = new List<string>();
        void Expect(bool ok, string what)
        {
            if (!ok)
            {
                failures.Add(what);
            }
        }

        Expect(first.Result == new RecognitionRun(due.Count, due.Count, 0, 0), $"run returned {first.Result}, expected {due.Count} due and sent");
        Expect(sentInFirst.Count == due.Count, $"run handed {sentInFirst.Count} mails to the transport, expected {due.Count}");
        Expect(sentInFirst.ToHashSet(StringComparer.Ordinal).SetEquals(expected), "run sent other notices than this wave's thank-yous");
        Expect(sentInFirst.Distinct(StringComparer.Ordinal).Count() == sentInFirst.Count, "run sent a notice twice");
        Expect(!sentInFirst.Any(sentEver.Contains), "run re-sent a notice an earlier run had sent");
        Expect(empty.Result == new RecognitionRun(0, 0, 0, 0), $"empty run returned {empty.Result}");
        Expect(sentInEmpty.Count == 0, $"empty run sent {sentInEmpty.Count} mails");
        Expect(first.Storage.Agree && empty.Storage.Agree, "the app's request counter and the HTTP activities disagree");
        sentEver.UnionWith(sentInFirst);
        var files = Directory.GetFiles(outbox, "*.eml").Length;
        Expect(files == sentEver.Count, $"{files} .eml files in the outbox folder, expected {sentEver.Count}");

        // Unmetered reads: every notice of the wave is marked sent, and its outbox record too.
        var notices = Storage.Table(TableNames.Notices);
        var states = new ConcurrentBag<(string? Notice, string? Mail)>();
        await Parallel.ForEachAsync(due.Values, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (n, ct) =>
        {
            var row = await notices.GetEntityAsync<TableEntity>(Seeder.Day(n.DueAt), Seeder.RowKey(n), cancellationToken: ct);
            var (mailTable, mailPartition, mailRow) = TableMailOutbox.Address(n.OutboxId);
            var mail = await Storage.Table(mailTable).GetEntityIfExistsAsync<TableEntity>(mailPartition, mailRow, cancellationToken: ct);
            states.Add((row.Value.GetString("Status"), mail.HasValue ? mail.Value!.GetString("State") : null));
        });
        Expect(states.All(s => s.Notice == NoticeStatus.Sent), $"{states.Count(s => s.Notice != NoticeStatus.Sent)} notices of the wave not marked sent");
        Expect(states.All(s => s.Mail == OutboxState.Sent), $"{states.Count(s => s.Mail != OutboxState.Sent)} outbox records of the wave not sent");
        var checkpoint = await notices.GetEntityAsync<TableEntity>("checkpoint", "earliest", cancellationToken: cancellationToken);
        var day = checkpoint.Value.GetString("Day");
        Expect(day == Timeline.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), $"checkpoint is {day}, expected today");

        if (failures.Count > 0)
        {
            throw new InvalidOperationException($"Scenario {Spec.Name}, wave {wave}: " + string.Join("; ", failures));
        }

        return
        [
            $"{due.Count} due → {sentInFirst.Count} handed to the transport, exactly this wave's thank-yous, none twice (also across waves: {sentEver.Count} distinct so far, {files} .eml files)",
            "all marked: notice rows `sent`, outbox records `sent`; checkpoint = today",
            "immediate second run: 0 due, nothing sent",
        ];
    }

    /// <summary>Insert, point read, merge, query and delete on a scratch table (not one the app uses), which is then dropped.</summary>
    private static async Task WarmAzuriteAsync(StorageAccount storage, CancellationToken cancellationToken)
    {
        var table = storage.Table("RecognitionBenchWarmUp");
        await table.CreateIfNotExistsAsync(cancellationToken);
        await Parallel.ForEachAsync(Enumerable.Range(0, 200), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var key = i.ToString("D4", CultureInfo.InvariantCulture);
                await table.AddEntityAsync(new TableEntity("warm-up", key) { ["Value"] = key }, ct);
                var read = await table.GetEntityAsync<TableEntity>("warm-up", key, cancellationToken: ct);
                await table.UpdateEntityAsync(new TableEntity("warm-up", key) { ["Other"] = i }, read.Value.ETag, TableUpdateMode.Merge, ct);
                await table.DeleteEntityAsync("warm-up", key, ETag.All, ct);
            });
        await table.QueryAsync<TableEntity>(maxPerPage: 10, cancellationToken: cancellationToken).AsPages().FirstOrDefaultAsync(cancellationToken);
        try
        {
            await table.DeleteAsync(cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Gone already.
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private sealed class NoMetrics : IImpactMetrics
    {
        public Task<ImpactFigures?> GetAsync(string commonsCategory, DateOnly periodStart, DateOnly periodEnd, CancellationToken cancellationToken) =>
            Task.FromResult<ImpactFigures?>(null);
    }

    /// <summary>The real local transport (.eml files), recording the outbox ids it is handed.</summary>
    private sealed class RecordingTransport(IMailTransport inner) : IMailTransport
    {
        private readonly ConcurrentQueue<string> sent = new();

        public async Task<string?> SendAsync(OutboundMail mail, CancellationToken cancellationToken)
        {
            var id = await inner.SendAsync(mail, cancellationToken);
            sent.Enqueue(mail.OutboxId);
            return id;
        }

        public IReadOnlyList<string> Drain()
        {
            var list = new List<string>();
            while (sent.TryDequeue(out var id))
            {
                list.Add(id);
            }

            return list;
        }
    }
}
