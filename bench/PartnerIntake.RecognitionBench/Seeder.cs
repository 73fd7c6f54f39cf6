using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Recognition;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.RecognitionBench;

/// <summary>
/// When things happen in a scenario. The app's clock starts each repetition k (k = 0 … waves−1) at
/// <see cref="Base"/> + k hours (Base = 12:00 UTC of the day the benchmark runs); wave k's thank-yous fall due 50 to 10
/// minutes before that, so a run at that instant finds exactly that wave due. Everything else falls due at least 4 hours
/// after Base: later today, or on a day of the next three months.
/// </summary>
public sealed record Timeline(DateTimeOffset Base, int Waves)
{
    public static readonly TimeSpan WaveSpacing = TimeSpan.FromHours(1);

    public DateOnly Today => DateOnly.FromDateTime(Base.UtcDateTime);

    public DateTimeOffset WaveNow(int wave) => Base + (wave * WaveSpacing);

    /// <summary>No notice outside the waves may fall due before this (a safety margin after the last wave's run).</summary>
    public DateTimeOffset FutureFrom => Base + TimeSpan.FromHours(4);

    public static Timeline ForToday(int waves)
    {
        var today = TimeProvider.System.GetUtcNow().UtcDateTime.Date;
        return new Timeline(new DateTimeOffset(today.AddHours(12), TimeSpan.Zero), waves);
    }
}

/// <summary>What was written: the due donations of each wave with their thank-you notice, and the shape of the Notices table.</summary>
public sealed record Seeded(
    int Donations,
    IReadOnlyList<IReadOnlyDictionary<string, Notice>> DueByWave,
    int NoticeRows,
    int DayPartitions,
    int LargestPartition,
    int TodayRows,
    IReadOnlyDictionary<string, int> PartitionRows,
    int NoticeBatches,
    TimeSpan NoticesTook,
    TimeSpan DonationsTook);

/// <summary>
/// Seeds Donations and Notices rows directly, in the app's row formats, fast:
/// <list type="bullet">
/// <item>Donations through the app's own <see cref="TableDonationStore.InsertAsync"/> (one partition per donation, so
///   single inserts; <c>concurrency</c> in flight);</item>
/// <item>Notices as the entities <see cref="TableNoticeStore.ScheduleAsync"/> inserts (the app's own
///   <see cref="TableNoticeStore.ToEntity"/>), but in entity-group transactions of up to 100 rows of one due-day
///   partition. ScheduleAsync's other effect, moving the checkpoint back to the earliest due day, is written once at the end.</item>
/// </list>
/// Each donation's due times come from the app's <see cref="RecognitionSchedule.Initial"/> (default options: thank-you
/// 10 minutes after recording, attribution 7 days after the thank-you, first impact report 3 months + 3 days after the
/// donation date, at 09:00): the benchmark chooses only RecordedAt and DonatedOn.
/// </summary>
public static class Seeder
{
    public static readonly string[] Languages = ["ar", "de", "en", "es", "fr", "pl", "pt"];

    private static readonly string[] Licenses = ["CC0 1.0", "CC BY 4.0", "CC BY-SA 4.0", "Public domain", "PDM 1.0"];

    private static readonly string[] Institutions =
    [
        "Muzeum Narodowe w Warszawie", "Rijksmuseum", "Museo Nacional del Prado", "Bibliothèque nationale de France",
        "Staatliche Kunstsammlungen Dresden", "Museu Nacional de Arte Antiga", "المتحف المصري", "National Library of Wales",
    ];

    public static async Task<Seeded> SeedAsync(
        StorageAccount storage, RecognitionSchedule schedule, Timeline timeline, int donations, int duePerWave,
        int concurrency, int batchConcurrency, CancellationToken cancellationToken)
    {
        var waves = timeline.Waves;
        if (duePerWave * waves > donations)
        {
            throw new ArgumentException($"{waves} waves of {duePerWave} due donations do not fit in {donations} donations.");
        }

        var thankYouDelay = TimeSpan.FromMinutes(new RecognitionOptions().ThankYouDelayMinutes);
        var random = new Random(20261121);
        var stride = donations / (duePerWave * waves);
        var all = new List<Donation>(donations);
        var notices = new List<Notice>(donations * 3);
        var dueByWave = Enumerable.Range(0, waves).Select(_ => new Dictionary<string, Notice>(StringComparer.Ordinal)).ToList();
        var futureSpan = TimeSpan.FromDays(90) - TimeSpan.FromHours(4);
        for (var i = 0; i < donations; i++)
        {
            // Every stride-th donation belongs to a wave, so the due ones are spread over the whole set.
            var slot = i % stride == 0 && i / stride < duePerWave * waves ? i / stride : -1;
            DateTimeOffset thankYouDue;
            if (slot >= 0)
            {
                var (wave, j) = (slot % waves, slot / waves);
                thankYouDue = timeline.WaveNow(wave) - TimeSpan.FromMinutes(50) + (TimeSpan.FromMinutes(40) * j / duePerWave);
            }
            else
            {
                thankYouDue = timeline.FutureFrom + (futureSpan * random.NextDouble());
            }

            var donation = new Donation(NewId(), Submission(i, timeline.Today.AddDays(-1 - random.Next(85))),
                TruncateToSecond(thankYouDue) - thankYouDelay);
            all.Add(donation);
            var scheduled = schedule.Initial(donation);
            notices.AddRange(scheduled);
            if (slot >= 0)
            {
                dueByWave[slot % waves][donation.Id] = scheduled.Single(n => n.Kind == RecognitionKinds.ThankYou);
            }
        }

        Check(timeline, notices, dueByWave);

        var table = storage.Table(TableNames.Notices);
        var partitions = notices.GroupBy(n => Day(n.DueAt)).ToList();
        var batches = partitions.SelectMany(p => p.Chunk(100)).ToList();
        var noticesTook = Stopwatch.StartNew();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = batchConcurrency, CancellationToken = cancellationToken },
            async (chunk, ct) =>
            {
                var batch = chunk.Select(notice => new TableTransactionAction(TableTransactionActionType.Add, NoticeEntity(notice))).ToList();
                await table.SubmitTransactionAsync(batch, ct);
            });

        // What ScheduleAsync leaves behind: the checkpoint at the earliest due day scheduled (today: wave 0).
        var earliest = DateOnly.FromDateTime(notices.Min(n => n.DueAt).UtcDateTime);
        var checkpoint = new TableEntity("checkpoint", "earliest") { ["Day"] = earliest.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
        await table.UpsertEntityAsync(checkpoint, TableUpdateMode.Replace, cancellationToken);
        noticesTook.Stop();

        var store = new TableDonationStore(storage);
        var donationsTook = Stopwatch.StartNew();
        await Parallel.ForEachAsync(all, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (donation, ct) => await store.InsertAsync(donation, ct));
        donationsTook.Stop();

        var today = timeline.Today.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        return new Seeded(
            donations,
            dueByWave,
            notices.Count,
            partitions.Count,
            partitions.Max(p => p.Count()),
            partitions.SingleOrDefault(p => p.Key == today)?.Count() ?? 0,
            partitions.ToDictionary(p => p.Key, p => p.Count(), StringComparer.Ordinal),
            batches.Count,
            noticesTook.Elapsed,
            donationsTook.Elapsed);
    }

    /// <summary>A pending Notices row, built by the app's own <see cref="TableNoticeStore.ToEntity"/> (what ScheduleAsync inserts).</summary>
    public static TableEntity NoticeEntity(Notice notice) => TableNoticeStore.ToEntity(notice);

    public static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    public static string RowKey(Notice n) => TableNoticeStore.ToEntity(n).RowKey;

    /// <summary>Like the app's Recognition.NewId (private there).</summary>
    public static string NewId() => "DN-" + InquiryReference.New()[3..];

    public static DonationSubmission Submission(int i, DateOnly donatedOn)
    {
        var institution = Institutions[i % Institutions.Length];
        var license = Licenses[i % Licenses.Length];
        return new DonationSubmission(
            new InstitutionInfo(institution, "PL", "https://example.org/" + i.ToString(CultureInfo.InvariantCulture)),
            new DonorContact("Anna Nowak", $"curator{i % 1000}@example.org", Languages[i % Languages.Length]),
            new CollectionInfo(
                string.Create(CultureInfo.InvariantCulture, $"Collection {i}: paintings of the Young Poland movement"),
                string.Create(CultureInfo.InvariantCulture, $"Category:Paintings in the {institution} (batch {i})"),
                10 + (i % 5000),
                license),
            donatedOn,
            $"{institution}, {license}",
            i % 3 == 0 ? "Wikimedia Polska" : null,
            null);
    }

    private static DateTimeOffset TruncateToSecond(DateTimeOffset t) => new(t.Ticks - (t.Ticks % TimeSpan.TicksPerSecond), t.Offset);

    /// <summary>Exactly the waves' thank-yous fall due in the measured runs; nothing else before <see cref="Timeline.FutureFrom"/>.</summary>
    private static void Check(Timeline timeline, List<Notice> notices, List<Dictionary<string, Notice>> dueByWave)
    {
        var waveNotices = new HashSet<Notice>(dueByWave.SelectMany(w => w.Values));
        for (var wave = 0; wave < dueByWave.Count; wave++)
        {
            var now = timeline.WaveNow(wave);
            foreach (var n in dueByWave[wave].Values)
            {
                if (n.DueAt > now - TimeSpan.FromMinutes(5) || n.DueAt <= now - Timeline.WaveSpacing || Day(n.DueAt) != Day(now))
                {
                    throw new InvalidOperationException($"Wave {wave}'s notice {n.OutboxId} falls due at {n.DueAt:O}, outside its window.");
                }
            }
        }

        var early = notices.FirstOrDefault(n => !waveNotices.Contains(n) && n.DueAt < timeline.FutureFrom);
        if (early is not null)
        {
            throw new InvalidOperationException($"Notice {early.OutboxId} falls due at {early.DueAt:O}, before {timeline.FutureFrom:O}.");
        }
    }
}
