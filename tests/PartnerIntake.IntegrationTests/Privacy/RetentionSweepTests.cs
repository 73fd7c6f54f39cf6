using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Privacy;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.IntegrationTests.Privacy;

/// <summary>
/// The retention run against real table storage (Azurite) with a fake clock and a recording eraser: what it erases and
/// when, what it reads. Each test starts in its own era, after a run that drained what earlier tests left due.
/// </summary>
[Collection(RetentionStorageCollection.Name)]
public sealed class RetentionSweepTests(RetentionStorageFixture fixture)
{
    private static readonly DateTimeOffset Start = new(2031, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static int era;

    private readonly FakeTimeProvider time = new(Start);
    private readonly RecordingEraser eraser = new();
    private readonly StorageRequestCounter counter = new();

    [Fact]
    public async Task ApplyAsync_InquiriesAndDonationsOfEveryFate_ErasesExactlyTheDueOnes()
    {
        var (schedule, sweep) = CreateSut();
        await DrainAsync(sweep);
        var t0 = time.GetUtcNow();
        var old = await SubmitAsync(schedule, t0);
        var young = await SubmitAsync(schedule, t0.AddMonths(1));
        var accepted = await SubmitAsync(schedule, t0);
        await schedule.InquiryAcceptedAsync(accepted, t0, default);
        var closed = await SubmitAsync(schedule, t0);
        await schedule.InquiryClosedAsync(closed, t0, t0.AddMonths(6), default);
        var acceptedThenClosed = await SubmitAsync(schedule, t0);
        await schedule.InquiryAcceptedAsync(acceptedThenClosed, t0, default);
        await schedule.InquiryClosedAsync(acceptedThenClosed, t0, t0.AddMonths(2), default);
        var donated = await SubmitAsync(schedule, t0);
        var donation = "DN-" + InquiryReference.New()[3..];
        await schedule.DonationNoticeAsync(donation, donated, t0.AddDays(7), default);
        await schedule.DonationNoticeAsync(donation, donated, t0.AddMonths(3), default); // its last notice
        string[] inquiries = [old, young, accepted, closed, acceptedThenClosed, donated];

        // 24 months after receipt: only the inquiry that never went anywhere.
        time.SetUtcNow(t0.AddMonths(24).AddHours(1));
        await sweep.ApplyAsync(default);
        eraser.Erased(RetentionKind.Inquiry, inquiries).ShouldBe([old]);
        eraser.Erased(RetentionKind.Donation, [donation]).ShouldBeEmpty();

        // A year on (daily runs missed): the closed ones, the donation after its last notice, and its inquiry with it.
        eraser.Clear();
        time.SetUtcNow(t0.AddMonths(36));
        await sweep.ApplyAsync(default);
        eraser.Erased(RetentionKind.Inquiry, inquiries).ShouldBe([young, closed, acceptedThenClosed, donated], ignoreOrder: true);
        eraser.Erased(RetentionKind.Donation, [donation]).ShouldBe([donation]);

        // Again, and far later: nothing more, and the accepted inquiry is kept.
        eraser.Clear();
        await sweep.ApplyAsync(default);
        time.SetUtcNow(t0.AddYears(10));
        await sweep.ApplyAsync(default);
        eraser.Erased(RetentionKind.Inquiry, inquiries).ShouldBeEmpty();
        eraser.Erased(RetentionKind.Donation, [donation]).ShouldBeEmpty();
    }

    [Fact]
    public async Task ApplyAsync_BeforeTheDueTime_ErasesNothing()
    {
        var (schedule, sweep) = CreateSut();
        await DrainAsync(sweep);
        var t0 = time.GetUtcNow();
        var reference = await SubmitAsync(schedule, t0);

        time.SetUtcNow(t0.AddMonths(24).AddMinutes(-1));
        await sweep.ApplyAsync(default);
        eraser.Erased(RetentionKind.Inquiry, [reference]).ShouldBeEmpty();

        time.SetUtcNow(t0.AddMonths(24).AddSeconds(1));
        await sweep.ApplyAsync(default);
        eraser.Erased(RetentionKind.Inquiry, [reference]).ShouldBe([reference]);
    }

    [Fact]
    public async Task ApplyAsync_TwoRunsAtOnce_LeaveNothingForAThird()
    {
        var (schedule, sweep) = CreateSut();
        await DrainAsync(sweep);
        var t0 = time.GetUtcNow();
        var references = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            references.Add(await SubmitAsync(schedule, t0.AddMinutes(i)));
        }

        time.SetUtcNow(t0.AddMonths(25));
        await Task.WhenAll(sweep.ApplyAsync(default), sweep.ApplyAsync(default));
        eraser.Erased(RetentionKind.Inquiry, references).Distinct().ShouldBe(references, ignoreOrder: true);

        eraser.Clear();
        var third = await sweep.ApplyAsync(default);
        third.Due.ShouldBe(0);
        eraser.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task ApplyAsync_EntryLeftByAnInterruptedMove_DroppedWithoutErasing()
    {
        var (schedule, sweep) = CreateSut();
        var index = new TableRetentionDue(fixture.Account);
        await DrainAsync(sweep);
        var t0 = time.GetUtcNow();
        var reference = await SubmitAsync(schedule, t0);
        await schedule.InquiryAcceptedAsync(reference, t0, default);
        await index.AddAsync(RetentionKind.Inquiry, reference, t0.AddMonths(24), default); // as if the move crashed before removing it

        time.SetUtcNow(t0.AddMonths(25));
        var run = await sweep.ApplyAsync(default);

        eraser.Erased(RetentionKind.Inquiry, [reference]).ShouldBeEmpty();
        run.Stale.ShouldBe(1);
        (await sweep.ApplyAsync(default)).Due.ShouldBe(0);
    }

    [Fact]
    public async Task ApplyAsync_ManySubjectsNotDue_ReadsOnlyTheDueEntries()
    {
        var (schedule, sweep) = CreateSut();
        await DrainAsync(sweep);
        var t0 = time.GetUtcNow();
        for (var i = 0; i < 40; i++)
        {
            await SubmitAsync(schedule, t0.AddDays(40 + i)); // due over the weeks after the run
        }

        var due = new[] { await SubmitAsync(schedule, t0), await SubmitAsync(schedule, t0.AddDays(1)), await SubmitAsync(schedule, t0.AddDays(2)) };
        time.SetUtcNow(t0.AddMonths(24).AddDays(3));
        counter.Reset();

        var run = await sweep.ApplyAsync(default);

        run.Due.ShouldBe(3);
        eraser.Erased(RetentionKind.Inquiry, due).ShouldBe(due, ignoreOrder: true);
        var counts = counter.Snapshot();
        var breakdown = string.Join(", ", counts.Select(c => $"{c.Key}: {c.Value}"));
        counts.ShouldBe(new Dictionary<string, long>(StringComparer.Ordinal)
        {
            ["GET RetentionDue"] = 1 + 2 + (3 * 2), // the backfill's marker (done); the days before today, today up to now; each entry's subject row, before erasing and on completing
            ["DELETE RetentionDue"] = 3,          // the entries done
            ["GET IntakeRefusals"] = 1,           // housekeeping: one query per table, nothing to delete
            ["GET AcknowledgementCounts"] = 1,
            ["GET SubmissionWindows"] = 1,
            ["GET ConsoleSessions"] = 1,
        }, ignoreOrder: true, breakdown);
    }

    [Fact]
    public async Task ApplyAsync_InquiriesStoredBeforeRetention_FiledOnceThenErasedWhenDue()
    {
        var (_, sweep) = CreateSut();
        await DrainAsync(sweep);
        var t0 = time.GetUtcNow();
        var inquiries = new TableInquiryStore(fixture.Account);
        var old = await InsertLegacyAsync(inquiries, t0.AddMonths(-30));
        var young = await InsertLegacyAsync(inquiries, t0.AddMonths(-6));
        var accepted = await InsertLegacyAsync(inquiries, t0.AddMonths(-30));
        await inquiries.MarkAcceptedAsync(accepted, new AssigneeSummary("wikimedia-polska", "Wikimedia Polska", "chapter"), t0.AddMonths(-29), default);
        var closed = await InsertLegacyAsync(inquiries, t0.AddMonths(-30));
        await fixture.Storage.Table(TableNames.Inquiries).UpdateEntityAsync(
            new TableEntity(closed, TableInquiryStore.RowKey) { ["Status"] = InquiryStatus.Closed, ["ClosedAt"] = t0.AddMonths(-3) }, Azure.ETag.All);
        await fixture.Storage.Table(TableNames.RetentionDue).DeleteEntityAsync("~backfill", "inquiries"); // as on the first run after the upgrade
        string[] mine = [old, young, accepted, closed];

        await sweep.ApplyAsync(default);
        eraser.Erased(RetentionKind.Inquiry, mine).ShouldBe([old]);

        eraser.Clear();
        time.SetUtcNow(t0.AddMonths(22));
        await sweep.ApplyAsync(default);
        eraser.Erased(RetentionKind.Inquiry, mine).ShouldBe([young, closed], ignoreOrder: true);

        eraser.Clear();
        time.SetUtcNow(t0.AddYears(10));
        await sweep.ApplyAsync(default);
        eraser.Erased(RetentionKind.Inquiry, mine).ShouldBeEmpty();
    }

    [Fact]
    public async Task PurgeAsync_HousekeepingRows_DeletesOnlyThosePastTheirUse()
    {
        var housekeeping = new TableRetentionHousekeeping(fixture.Account, Options.Create(new PrivacyOptions { HousekeepingDays = 90 }));
        var now = new DateTimeOffset(2032, 6, 15, 12, 0, 0, TimeSpan.Zero);
        var key = "hk-" + Guid.NewGuid().ToString("N")[..12];
        await AddAsync(TableNames.IntakeRefusals, "20320301", key);   // 106 days old
        await AddAsync(TableNames.IntakeRefusals, "20320601", key);   // 14 days old
        await AddAsync(TableNames.AcknowledgementCounts, key, "20320614");
        await AddAsync(TableNames.AcknowledgementCounts, key, "20320615");
        await AddAsync(TableNames.SubmissionWindows, key, "203206131150");
        await AddAsync(TableNames.SubmissionWindows, key, "203206151150");
        await AddAsync(TableNames.ConsoleSessions, key + "-old", "", now.AddDays(-2));
        await AddAsync(TableNames.ConsoleSessions, key + "-open", "", now.AddHours(-1));

        await housekeeping.PurgeAsync(now, default);
        await housekeeping.PurgeAsync(now, default); // again: nothing more goes

        (await ExistsAsync(TableNames.IntakeRefusals, "20320301", key)).ShouldBeFalse();
        (await ExistsAsync(TableNames.IntakeRefusals, "20320601", key)).ShouldBeTrue();
        (await ExistsAsync(TableNames.AcknowledgementCounts, key, "20320614")).ShouldBeFalse();
        (await ExistsAsync(TableNames.AcknowledgementCounts, key, "20320615")).ShouldBeTrue();
        (await ExistsAsync(TableNames.SubmissionWindows, key, "203206131150")).ShouldBeFalse();
        (await ExistsAsync(TableNames.SubmissionWindows, key, "203206151150")).ShouldBeTrue();
        (await ExistsAsync(TableNames.ConsoleSessions, key + "-old", "")).ShouldBeFalse();
        (await ExistsAsync(TableNames.ConsoleSessions, key + "-open", "")).ShouldBeTrue();
    }

    private (RetentionSchedule Schedule, RetentionSweep Sweep) CreateSut()
    {
        var account = StorageClients.Connect(fixture.Azurite.ConnectionString, counter);
        var index = new TableRetentionDue(account);
        var options = Options.Create(new PrivacyOptions { RetentionMonths = 24 });
        return (
            new RetentionSchedule(index, options),
            new RetentionSweep(index, eraser, new TableRetentionHousekeeping(account, options), time, NullLogger<RetentionSweep>.Instance,
                new TableRetentionBackfill(account, index), options));
    }

    /// <summary>An inquiry row as stored before consent records and retention existed.</summary>
    private static async Task<string> InsertLegacyAsync(TableInquiryStore store, DateTimeOffset receivedAt)
    {
        var reference = InquiryReference.New();
        var submission = new InquirySubmission(
            new OrganizationInfo("Muzeum Testowe", "museum", null, "PL", null),
            new ContactInfo("Anna Nowak", "anna@example.org", null, "pl"),
            ["content-donation"], "national", "informal", ["pl"], "Scans.", true);
        await store.InsertAsync(new Inquiry(reference, submission, InquiryStatus.Received, receivedAt), default);
        return reference;
    }

    private static async Task<string> SubmitAsync(RetentionSchedule schedule, DateTimeOffset receivedAt)
    {
        var reference = InquiryReference.New();
        await schedule.InquirySubmittedAsync(reference, receivedAt, default);
        return reference;
    }

    /// <summary>Erases what other tests left due up to now, so that this test sees only its own subjects' effects.</summary>
    private async Task DrainAsync(RetentionSweep sweep)
    {
        // Twenty years apart: later than anything an earlier test left (at most ten years after its start).
        time.SetUtcNow(Start.AddYears(20 * Interlocked.Increment(ref era)));
        await sweep.ApplyAsync(default);
        time.Advance(TimeSpan.FromDays(1));
        eraser.Clear();
    }

    private Task AddAsync(string table, string partition, string row, DateTimeOffset? started = null)
    {
        var entity = new TableEntity(partition, row) { ["Count"] = 1 };
        if (started is { } at)
        {
            entity["Started"] = at;
        }

        return fixture.Storage.Table(table).UpsertEntityAsync(entity);
    }

    private async Task<bool> ExistsAsync(string table, string partition, string row) =>
        (await fixture.Storage.Table(table).GetEntityIfExistsAsync<TableEntity>(partition, row)).HasValue;
}
