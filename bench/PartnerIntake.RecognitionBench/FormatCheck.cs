using Microsoft.WindowsAzure.Storage.Table;
using PartnerIntake.Shared.Recognition;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.RecognitionBench;

/// <summary>
/// The seeded Notices rows must look exactly like the app's: schedules a thank-you and an impact notice through the real
/// <see cref="TableNoticeStore.ScheduleAsync"/> (due far after every run, so no run sees them), writes the same two notices
/// of another donation with <see cref="Seeder.NoticeEntity"/> in a batch, reads all four back raw and compares the
/// properties (names, types, and values apart from the donation id and the keys).
/// </summary>
public static class FormatCheck
{
    public static async Task<string> RunAsync(Scenario scenario, CancellationToken cancellationToken)
    {
        var due = scenario.Timeline.Base + TimeSpan.FromDays(200);
        Notice[] Notices(string donation) =>
        [
            new(due, donation, RecognitionKinds.ThankYou, 1),
            new(due, donation, RecognitionKinds.Impact, 2, new DateOnly(2026, 1, 1), new DateOnly(2026, 4, 1)),
        ];

        var store = new TableNoticeStore(scenario.Storage, TimeProvider.System);
        var viaApp = Notices("DN-FMT-APP");
        foreach (var notice in viaApp)
        {
            await store.ScheduleAsync(notice, cancellationToken);
        }

        var viaSeeder = Notices("DN-FMT-SEED");
        var table = scenario.Storage.Table(TableNames.Notices);
        var batch = new TableBatchOperation();
        foreach (var notice in viaSeeder)
        {
            batch.Insert(Seeder.NoticeEntity(notice));
        }

        await table.ExecuteBatchAsync(batch, null, null, cancellationToken);
        for (var i = 0; i < viaApp.Length; i++)
        {
            var app = await ReadAsync(table, viaApp[i], cancellationToken);
            var seeded = await ReadAsync(table, viaSeeder[i], cancellationToken);
            if (app.PartitionKey != seeded.PartitionKey || app.RowKey.Replace("APP", "SEED", StringComparison.Ordinal) != seeded.RowKey)
            {
                throw new InvalidOperationException($"Seeded keys {seeded.PartitionKey}/{seeded.RowKey} differ from the app's {app.PartitionKey}/{app.RowKey}.");
            }

            var a = Describe(app);
            var s = Describe(seeded);
            if (a != s)
            {
                throw new InvalidOperationException($"Seeded Notices row differs from the app's:\n app:  {a}\n seed: {s}");
            }
        }

        // Tidy: the two seeded rows are deleted; the app's two stay (due in 200 days, never read by a run).
        foreach (var notice in viaSeeder)
        {
            await table.ExecuteAsync(TableOperation.Delete(new DynamicTableEntity(Seeder.Day(notice.DueAt), Seeder.RowKey(notice)) { ETag = "*" }),
                null, null, cancellationToken);
        }

        return "seeded Notices rows = the app's (TableNoticeStore.ScheduleAsync) in keys, property names, types and values; checked on a thank-you and an impact notice";
    }

    private static async Task<DynamicTableEntity> ReadAsync(CloudTable table, Notice notice, CancellationToken cancellationToken)
    {
        var result = await table.ExecuteAsync(TableOperation.Retrieve<DynamicTableEntity>(Seeder.Day(notice.DueAt), Seeder.RowKey(notice)), null, null, cancellationToken);
        return result.Result as DynamicTableEntity ?? throw new InvalidOperationException($"Notice {notice.OutboxId} not found.");
    }

    private static string Describe(DynamicTableEntity e) => string.Join(", ", e.Properties
        .OrderBy(p => p.Key, StringComparer.Ordinal)
        .Select(p => $"{p.Key}:{p.Value.PropertyType}={(p.Key == "DonationId" ? "…" : p.Value.PropertyAsObject)}"));
}
