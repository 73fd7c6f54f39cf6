using System.Diagnostics;
using Microsoft.WindowsAzure.Storage.Table;
using PartnerIntake.Shared.Assignment;
using PartnerIntake.Shared.Mail;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.EscalationBench;

public sealed record ScenarioSpec(string Name, int Open, int Due);

/// <summary>One measured call of ProcessDueAsync: what it returned, how long it took, what storage it touched.</summary>
public sealed record RunMeasure(DueRun Result, double Milliseconds, StorageCount Storage);

public sealed record ScenarioResult(ScenarioSpec Spec, int Repeat, TimeSpan Seeding, RunMeasure First, RunMeasure Empty, IReadOnlyList<string> Checks);

/// <summary>
/// One repetition of one scenario: a fresh Azurite, the app's services on it, the seed, the clock moved 2 hours
/// forward, then ProcessDueAsync (what the EscalateAssignments timer calls) measured twice: the run that has the due
/// reminders to send, and right after it a run with nothing due. Then checks that the right mails, and only those, went out.
/// </summary>
public static class Scenario
{
    public static async Task<ScenarioResult> RunAsync(ScenarioSpec spec, int repeat, string repoRoot, int concurrency, CancellationToken cancellationToken)
    {
        var work = Directory.CreateTempSubdirectory("pi-escalation-").FullName;
        try
        {
            await using var azurite = await Azurite.StartAsync(repoRoot);
            await using var app = await AppServices.StartAsync(azurite.ConnectionString, work, cancellationToken);
            var seeded = await Seeder.SeedAsync(app, spec.Open, spec.Due, concurrency, cancellationToken);
            app.Clock.Advance(Seeder.ClockAdvance);

            var lifecycle = app.Get<AssignmentLifecycle>();
            using var meter = new StorageMeter(azurite.TablePort);
            var first = await MeasureAsync(lifecycle, meter, cancellationToken);
            var empty = await MeasureAsync(lifecycle, meter, cancellationToken);
            var checks = await VerifyAsync(spec, app, seeded, first, empty, cancellationToken);
            return new ScenarioResult(spec, repeat, seeded.Took, first, empty, checks);
        }
        finally
        {
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task<RunMeasure> MeasureAsync(AssignmentLifecycle lifecycle, StorageMeter meter, CancellationToken cancellationToken)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        meter.Start();
        var watch = Stopwatch.StartNew();
        var result = await lifecycle.ProcessDueAsync(cancellationToken);
        watch.Stop();
        var storage = meter.Stop();
        return new RunMeasure(result, watch.Elapsed.TotalMilliseconds, storage);
    }

    /// <summary>Throws when the run did something other than send exactly the due reminders; returns what was checked.</summary>
    private static async Task<IReadOnlyList<string>> VerifyAsync(
        ScenarioSpec spec, AppServices app, Seeded seeded, RunMeasure first, RunMeasure empty, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        void Expect(bool ok, string what)
        {
            if (!ok)
            {
                problems.Add(what);
            }
        }

        Expect(first.Result == new DueRun(spec.Due, spec.Due, 0, 0), $"first run returned {first.Result}, expected {spec.Due} due and reminded, nothing else");
        Expect(empty.Result == new DueRun(0, 0, 0, 0), $"second run returned {empty.Result}, expected nothing due");
        Expect(first.Storage.Agree && empty.Storage.Agree,
            $"the SDK counted {first.Storage.SdkRequests}/{empty.Storage.SdkRequests} requests, HttpClient {first.Storage.HttpRequests.Count}/{empty.Storage.HttpRequests.Count}");

        // The outbox folder: one .eml per due reminder, named after its outbox id, nothing else.
        var expectedFiles = seeded.DueReferences.Select(r => $"{r}.reminder.1.eml").ToHashSet(StringComparer.Ordinal);
        var files = Directory.EnumerateFiles(app.Outbox, "*", SearchOption.AllDirectories).Select(f => Path.GetFileName(f)!).ToList();
        Expect(files.Count == spec.Due && files.ToHashSet(StringComparer.Ordinal).SetEquals(expectedFiles),
            $"outbox holds {files.Count} files, {files.Count(expectedFiles.Contains)} of them the expected reminders (expected exactly {spec.Due})");
        var sample = files.Where(expectedFiles.Contains).Order(StringComparer.Ordinal).FirstOrDefault();
        if (sample is not null)
        {
            var eml = await File.ReadAllTextAsync(Path.Combine(app.Outbox, sample), cancellationToken);
            Expect(eml.Contains("\r\nX-PartnerIntake-Kind: reminder\r\n", StringComparison.Ordinal), $"{sample} is not a reminder");
            Expect(FirstPart(eml).Contains("/api/assignments/", StringComparison.Ordinal), $"{sample} has no action links");
        }

        var storage = app.Get<StorageAccount>();
        var mails = await ReadAllAsync(storage.Table(TableNames.MailOutbox), null, cancellationToken);
        Expect(mails.Count == spec.Due && mails.All(m => m.Get("Kind")?.StringValue == MailKinds.Reminder && m.Get("State")?.StringValue == OutboxState.Sent),
            $"MailOutbox holds {mails.Count} records, {mails.Count(m => m.Get("Kind")?.StringValue == MailKinds.Reminder && m.Get("State")?.StringValue == OutboxState.Sent)} of them sent reminders");

        var audit = await ReadAllAsync(storage.Table(TableNames.AuditTrail), null, cancellationToken);
        Expect(audit.Count == spec.Due && audit.All(a => a.Get("Action")?.StringValue == "reminded" && seeded.DueReferences.Contains(a.PartitionKey)),
            $"AuditTrail holds {audit.Count} entries (expected {spec.Due} 'reminded')");

        var dueRows = await ReadAllAsync(storage.Table(TableNames.DueActions), ["Reference", "Kind"], cancellationToken);
        var reminders = dueRows.Where(r => r.Get("Kind")?.StringValue == DueKind.Reminder).ToList();
        Expect(dueRows.Count == 2 * spec.Open - spec.Due
               && reminders.Count == spec.Open - spec.Due
               && !reminders.Any(r => seeded.DueReferences.Contains(r.Get("Reference")?.StringValue ?? "")),
            $"DueActions holds {dueRows.Count} rows ({reminders.Count} reminders), expected {2 * spec.Open - spec.Due} ({spec.Open - spec.Due} reminders, none of the due ones)");

        var assignments = await ReadAllAsync(storage.Table(TableNames.Assignments), ["State", "RemindedAt"], cancellationToken);
        var reminded = assignments.Where(a => a.Get("RemindedAt")?.DateTimeOffsetValue is not null).Select(a => a.PartitionKey).ToHashSet(StringComparer.Ordinal);
        Expect(assignments.Count == spec.Open && assignments.All(a => a.Get("State")?.StringValue == AssignmentState.Pending) && reminded.SetEquals(seeded.DueReferences),
            $"Assignments: {assignments.Count} rows, {reminded.Count} marked reminded (expected {spec.Open} pending, exactly the {spec.Due} due ones reminded)");

        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"{spec.Name}: wrong outcome: " + string.Join("; ", problems));
        }

        return
        [
            $"ProcessDueAsync returned {first.Result} then {empty.Result}",
            $"outbox folder: exactly the {spec.Due} reminder .eml files of the due assignments (with action links), nothing else",
            $"MailOutbox: {mails.Count} records, all sent reminders; AuditTrail: {audit.Count} 'reminded' entries",
            $"DueActions: {dueRows.Count} rows left (the {spec.Due} due reminders completed); Assignments: {assignments.Count} pending, exactly the due ones stamped RemindedAt",
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

    private static async Task<List<DynamicTableEntity>> ReadAllAsync(CloudTable table, IList<string>? columns, CancellationToken cancellationToken)
    {
        var query = new TableQuery<DynamicTableEntity>();
        if (columns is not null)
        {
            query = query.Select(columns);
        }

        var all = new List<DynamicTableEntity>();
        TableContinuationToken? token = null;
        do
        {
            var segment = await table.ExecuteQuerySegmentedAsync(query, token, null, null, cancellationToken);
            all.AddRange(segment.Results);
            token = segment.ContinuationToken;
        }
        while (token is not null);
        return all;
    }

}

internal static class EntityProperties
{
    public static EntityProperty? Get(this DynamicTableEntity entity, string name) =>
        entity.Properties.TryGetValue(name, out var value) ? value : null;
}
