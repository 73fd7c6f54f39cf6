using Azure;
using Azure.Data.Tables;
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
        var batch = viaSeeder.Select(notice => new TableTransactionAction(TableTransactionActionType.Add, Seeder.NoticeEntity(notice))).ToList();
        await table.SubmitTransactionAsync(batch, cancellationToken);
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
            await table.DeleteEntityAsync(Seeder.Day(notice.DueAt), Seeder.RowKey(notice), ETag.All, cancellationToken);
        }

        return "seeded Notices rows = the app's (TableNoticeStore.ScheduleAsync) in keys, property names, types and values; checked on a thank-you and an impact notice";
    }

    private static async Task<TableEntity> ReadAsync(TableClient table, Notice notice, CancellationToken cancellationToken)
    {
        var result = await table.GetEntityIfExistsAsync<TableEntity>(Seeder.Day(notice.DueAt), Seeder.RowKey(notice), cancellationToken: cancellationToken);
        return result.HasValue ? result.Value! : throw new InvalidOperationException($"Notice {notice.OutboxId} not found.");
    }

    /// <summary>The stored properties, without the keys and what the service sets (Timestamp, the ETag).</summary>
    private static string Describe(TableEntity e) => string.Join(", ", e
        .Where(p => p.Key is not ("PartitionKey" or "RowKey" or "Timestamp") && !p.Key.StartsWith("odata.", StringComparison.Ordinal))
        .OrderBy(p => p.Key, StringComparer.Ordinal)
        .Select(p => $"{p.Key}:{p.Value?.GetType().Name ?? "null"}={(p.Key == "DonationId" ? "…" : p.Value)}"));
}
