using System.Diagnostics;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using PartnerIntake.Shared.Common;
using PartnerIntake.Shared.Assignment;
using PartnerIntake.Shared.Mail;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.EscalationBench;

public sealed record ScenarioSpec(string Name, int Open, int Due);

/// <summary>One measured call of ProcessDueAsync: what it returned, how long it took, what storage it touched.</summary>
public sealed record RunMeasure(DueRun Result, double Milliseconds, StorageCount Storage, CpuUsage Cpu);

public sealed record ScenarioResult(
    ScenarioSpec Spec, int Repeat, int Wave, TimeSpan Seeding, int DueDays, RunMeasure First, RunMeasure Empty, IReadOnlyList<string> Checks);

/// <summary>
/// A scenario on its own fresh Azurite: the app's services on it and the seed (<see cref="Seeder"/>). Each
/// <see cref="MeasureNextWaveAsync"/> moves the app's clock so that the next wave of reminders is due (2 hours the first
/// time, a day after that), then measures ProcessDueAsync (what the EscalateAssignments timer calls) twice: the run that
/// has the due reminders to send, and right after it a run with nothing due. Then it checks that the right mails, and only
/// those, went out.
/// </summary>
public sealed class Scenario : IAsyncDisposable
{
    private readonly ScenarioSpec spec;
    private readonly string work;
    private readonly Azurite azurite;
    private readonly AppServices app;
    private readonly Seeded seeded;
    private int wave;

    private Scenario(ScenarioSpec spec, string work, Azurite azurite, AppServices app, Seeded seeded)
    {
        this.spec = spec;
        this.work = work;
        this.azurite = azurite;
        this.app = app;
        this.seeded = seeded;
    }

    public TimeSpan Seeding => seeded.Took;

    public static async Task<Scenario> StartAsync(ScenarioSpec spec, int waves, string repoRoot, int concurrency, CancellationToken cancellationToken)
    {
        var work = Directory.CreateTempSubdirectory("pi-escalation-").FullName;
        Azurite? azurite = null;
        AppServices? app = null;
        try
        {
            azurite = await Azurite.StartAsync(repoRoot);
            app = await AppServices.StartAsync(azurite.ConnectionString, work, cancellationToken);
            var seeded = await Seeder.SeedAsync(app, spec.Open, spec.Due, waves, concurrency, cancellationToken);
            return new Scenario(spec, work, azurite, app, seeded);
        }
        catch
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }

            if (azurite is not null)
            {
                await azurite.DisposeAsync();
            }

            TryDelete(work);
            throw;
        }
    }

    public async Task<ScenarioResult> MeasureNextWaveAsync(int repeat, CancellationToken cancellationToken)
    {
        if (wave >= seeded.DueByWave.Count)
        {
            throw new InvalidOperationException("No seeded wave left.");
        }

        app.Clock.Advance(wave == 0 ? Seeder.FirstAdvance : Seeder.WaveAdvance);

        // Let Azurite settle after the seeding burst (or the previous wave's checks, which read whole tables), then warm
        // its code paths for every kind of table request the run makes, on a scratch table: each Azurite is a new
        // Node.js process, and a fresh one would otherwise be measured cold in B and after seeding in A.
        // Also wait, for a while, for the machine to be quiet (other processes below 0.15 cores over a second).
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        var quiet = await CpuMeter.WaitForQuietAsync(azurite.ProcessId, TimeSpan.FromSeconds(45), cancellationToken);
        await WarmAzuriteAsync(app.Get<StorageAccount>(), cancellationToken);
        var lifecycle = app.Get<AssignmentLifecycle>();
        using var meter = new StorageMeter(azurite.TablePort, app.Get<StorageRequestCounter>());
        var first = await MeasureAsync(lifecycle, meter, cancellationToken);
        var empty = await MeasureAsync(lifecycle, meter, cancellationToken);
        wave++;
        var checks = await VerifyAsync(first, empty, cancellationToken);
        return new ScenarioResult(spec, repeat, wave, seeded.Took, seeded.DueDays, first, empty,
            [.. checks, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"waited {quiet.Waited.TotalSeconds:0} s for a quiet machine{(quiet.Quiet ? "" : " and did not get one")}")]);
    }

    /// <summary>Insert, point read, merge, query and delete on a scratch table (not one the app uses), which is then dropped.</summary>
    private static async Task WarmAzuriteAsync(StorageAccount storage, CancellationToken cancellationToken)
    {
        var table = storage.Table("EscalationBenchWarmUp");
        await table.CreateIfNotExistsAsync(cancellationToken);
        await Parallel.ForEachAsync(Enumerable.Range(0, 200), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var key = i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
                await table.AddEntityAsync(new TableEntity("warm-up", key) { ["Value"] = key }, ct);
                var read = await table.GetEntityAsync<TableEntity>("warm-up", key, cancellationToken: ct);
                await table.UpdateEntityAsync(new TableEntity("warm-up", key) { ["Other"] = i }, read.Value.ETag, TableUpdateMode.Merge, ct);
                await table.DeleteEntityAsync("warm-up", key, ETag.All, ct);
            });
        await table.QueryAsync<TableEntity>(maxPerPage: 10, cancellationToken: cancellationToken).AsPages().FirstOrDefaultAsync(cancellationToken);
        await DeleteTableAsync(table, cancellationToken);
    }

    /// <summary>Drops the table; one that is gone already is no error.</summary>
    private static async Task DeleteTableAsync(TableClient table, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteAsync(cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Gone already.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        await azurite.DisposeAsync();
        TryDelete(work);
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

    private async Task<RunMeasure> MeasureAsync(AssignmentLifecycle lifecycle, StorageMeter meter, CancellationToken cancellationToken)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var cpu = new CpuMeter(azurite.ProcessId);
        cpu.Start();
        meter.Start();
        var watch = Stopwatch.StartNew();
        var result = await lifecycle.ProcessDueAsync(cancellationToken);
        watch.Stop();
        var storage = meter.Stop();
        return new RunMeasure(result, watch.Elapsed.TotalMilliseconds, storage, cpu.Stop());
    }

    /// <summary>
    /// Throws when the runs so far did something other than send exactly the reminders of the waves made due; returns
    /// what was checked. Reads whole tables, after the measurement.
    /// </summary>
    private async Task<IReadOnlyList<string>> VerifyAsync(RunMeasure first, RunMeasure empty, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        void Expect(bool ok, string what)
        {
            if (!ok)
            {
                problems.Add(what);
            }
        }

        var sent = seeded.DueByWave.Take(wave).SelectMany(w => w).ToHashSet(StringComparer.Ordinal); // reminded so far
        var total = sent.Count;
        Expect(first.Result == new DueRun(spec.Due, spec.Due, 0, 0), $"first run returned {first.Result}, expected {spec.Due} due and reminded, nothing else");
        Expect(empty.Result == new DueRun(0, 0, 0, 0), $"second run returned {empty.Result}, expected nothing due");
        Expect(first.Storage.Agree && empty.Storage.Agree,
            $"the app's request counter counted {first.Storage.Count}/{empty.Storage.Count} requests, HttpClient {first.Storage.HttpRequests.Count}/{empty.Storage.HttpRequests.Count}");

        // The outbox folder: one .eml per reminder sent, named after its outbox id, nothing else.
        var expectedFiles = sent.Select(r => $"{r}.reminder.1.eml").ToHashSet(StringComparer.Ordinal);
        var files = Directory.EnumerateFiles(app.Outbox, "*", SearchOption.AllDirectories).Select(f => Path.GetFileName(f)!).ToList();
        Expect(files.Count == total && files.ToHashSet(StringComparer.Ordinal).SetEquals(expectedFiles),
            $"outbox holds {files.Count} files, {files.Count(expectedFiles.Contains)} of them the expected reminders (expected exactly {total})");
        var sample = files.Where(expectedFiles.Contains).Order(StringComparer.Ordinal).FirstOrDefault();
        if (sample is not null)
        {
            var eml = await File.ReadAllTextAsync(Path.Combine(app.Outbox, sample), cancellationToken);
            Expect(eml.Contains("\r\nX-PartnerIntake-Kind: reminder\r\n", StringComparison.Ordinal), $"{sample} is not a reminder");
            var actionLinks = app.Get<IOptions<AppOptions>>().Value.AssignmentActionUrl(""); // the signed links' page, token left out
            Expect(FirstPart(eml).Contains(actionLinks, StringComparison.Ordinal), $"{sample} has no action links ({actionLinks}…)");
        }

        // Outbox records, audit entries and assignments are rows of each inquiry's partition in Inquiries, told apart by
        // their RowKey prefix; other mails (none here) would be in MailOutbox.
        var storage = app.Get<StorageAccount>();
        var inquiries = storage.Table(TableNames.Inquiries);
        var mails = await ReadAllAsync(inquiries, RowPrefix(TableMailOutbox.RowPrefix), null, cancellationToken);
        mails.AddRange(await ReadAllAsync(storage.Table(TableNames.MailOutbox), null, null, cancellationToken));
        var sentReminders = mails.Count(m => m.GetString("Kind") == MailKinds.Reminder && m.GetString("State") == OutboxState.Sent
            && sent.Contains(TableMailOutbox.OutboxIdOf(m).Split('.')[0]));
        Expect(mails.Count == total && sentReminders == total, $"the outbox holds {mails.Count} records, {sentReminders} of them sent reminders of due assignments (expected {total})");

        var audit = await ReadAllAsync(inquiries, RowPrefix(TableAuditTrail.RowPrefix), null, cancellationToken);
        Expect(audit.Count == total && audit.All(a => a.GetString("Action") == "reminded" && sent.Contains(a.PartitionKey)),
            $"the audit trail holds {audit.Count} entries (expected {total} 'reminded')");

        // Seeded with one due row per assignment, its reminder (as routing leaves it); a reminder sent schedules its
        // escalation, due days after the last wave.
        var dueRows = await ReadAllAsync(storage.Table(TableNames.DueActions), null, ["Reference", "Kind"], cancellationToken);
        var reminders = dueRows.Where(r => r.GetString("Kind") == DueKind.Reminder).ToList();
        var escalations = dueRows.Where(r => r.GetString("Kind") == DueKind.Escalation).Select(r => r.GetString("Reference") ?? "").ToList();
        Expect(dueRows.Count == spec.Open
               && reminders.Count == spec.Open - total
               && !reminders.Any(r => sent.Contains(r.GetString("Reference") ?? ""))
               && escalations.Count == total && escalations.ToHashSet(StringComparer.Ordinal).SetEquals(sent),
            $"DueActions holds {dueRows.Count} rows ({reminders.Count} reminders, {escalations.Count} escalations), expected {spec.Open} ({spec.Open - total} reminders, none of those sent, and the {total} escalations the reminders sent scheduled)");

        // With Azure.Data.Tables, $select returns only the columns named: PartitionKey (the reference) must be one of them.
        var assignments = await ReadAllAsync(inquiries, RowPrefix(TableAssignmentStore.RowPrefix), ["PartitionKey", "State", "RemindedAt"], cancellationToken);
        var reminded = assignments.Where(a => a.GetDateTimeOffset("RemindedAt") is not null).Select(a => a.PartitionKey).ToHashSet(StringComparer.Ordinal);
        Expect(assignments.Count == spec.Open && assignments.All(a => a.GetString("State") == AssignmentState.Pending) && reminded.SetEquals(sent),
            $"assignments: {assignments.Count} rows, {reminded.Count} marked reminded (expected {spec.Open} pending, exactly the {total} due so far reminded)");

        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"{spec.Name}, wave {wave}: wrong outcome: " + string.Join("; ", problems));
        }

        return
        [
            $"ProcessDueAsync returned {first.Result}, then {empty.Result}",
            $"outbox folder: exactly the {total} reminder .eml files of the assignments due so far (kind reminder, with action links), nothing else",
            $"outbox (Inquiries `mail|` rows and MailOutbox): {mails.Count} records, all sent reminders of those; audit trail (Inquiries `audit|` rows): {audit.Count} entries, all 'reminded'",
            $"DueActions: {dueRows.Count} rows ({spec.Open:N0} reminders seeded − the {total} completed + the {total} escalations they scheduled); assignments (Inquiries `assignment|` rows): {assignments.Count:N0}, all still pending, exactly those due so far stamped RemindedAt",
        ];
    }

    /// <summary>The text/plain part of an .eml the local outbox wrote (base64, 76-character lines).</summary>
    private static string FirstPart(string eml)
    {
        const string marker = "Content-Transfer-Encoding: base64\r\n\r\n";
        var start = eml.IndexOf(marker, StringComparison.Ordinal);
        if (start < 0)
        {
            return "";
        }

        var lines = eml[(start + marker.Length)..].Split("\r\n").TakeWhile(l => l.Length > 0 && !l.StartsWith("--", StringComparison.Ordinal));
        return System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(string.Concat(lines)));
    }

    /// <summary>The rows of every partition whose RowKey starts with <paramref name="prefix"/>.</summary>
    private static string RowPrefix(string prefix) => TableClient.CreateQueryFilter($"RowKey ge {prefix} and RowKey lt {prefix + "~"}");

    private static async Task<List<TableEntity>> ReadAllAsync(TableClient table, string? filter, IEnumerable<string>? columns, CancellationToken cancellationToken)
    {
        var all = new List<TableEntity>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, select: columns, cancellationToken: cancellationToken))
        {
            all.Add(entity);
        }

        return all;
    }
}
