using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using PartnerIntake.Shared.Recognition;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.RecognitionBench;

/// <summary>One kind of single storage request, timed on its own: rows it returned, client-measured milliseconds per try.</summary>
public sealed record ProbeResult(string What, int PartitionRows, int Rows, IReadOnlyList<double> Milliseconds);

/// <summary>
/// What one read of the Notices table costs, request by request, after the scenario's runs: the day-partition query a
/// run makes (as TableNoticeStore.DueAsync builds it), the same query on a day partition with no rows, on tomorrow's full
/// partition, and point reads. Sequential, each repeated, on the scenario's own Azurite.
/// </summary>
public static class Probes
{
    public static async Task<IReadOnlyList<ProbeResult>> RunAsync(Scenario scenario, int tries, CancellationToken cancellationToken)
    {
        var table = scenario.Storage.Table(TableNames.Notices);
        var now = scenario.Clock.GetUtcNow();
        var today = scenario.Timeline.Today;
        var someDonation = scenario.Seeded.DueByWave[0].Keys.First();
        int RowsIn(DateOnly day) => scenario.Seeded.PartitionRows.GetValueOrDefault(day.ToString("yyyyMMdd", CultureInfo.InvariantCulture));
        var results = new List<ProbeResult>
        {
            await TimeAsync($"today's partition, `Status eq 'pending'` and `RowKey lt '{now.UtcDateTime:HHmmss}|~'` (the run's query; 0 rows now)",
                RowsIn(today), tries, () => QueryAsync(table, DueFilter(today, now), 500, cancellationToken)),
            await TimeAsync("same filter on a day partition that holds no rows",
                0, tries, () => QueryAsync(table, DueFilter(new DateOnly(2000, 1, 1), null), 500, cancellationToken)),
            await TimeAsync("tomorrow's whole partition, `Status eq 'pending'`, first segment of up to 500 (what a run reads when a full day is due)",
                RowsIn(today.AddDays(1)), tries, () => QueryAsync(table, DueFilter(today.AddDays(1), null), 500, cancellationToken)),
            await TimeAsync("point read: the checkpoint row",
                1, tries, () => PointAsync(table, "checkpoint", "earliest", cancellationToken)),
            await TimeAsync("point read: a Donations row",
                1, tries, () => PointAsync(scenario.Storage.Table(TableNames.Donations), someDonation, "donation", cancellationToken)),
        };
        return results;
    }

    private static string DueFilter(DateOnly day, DateTimeOffset? now)
    {
        // As TableNoticeStore.DueAsync builds it.
        var partition = day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        return now is { } at
            ? TableClient.CreateQueryFilter(
                $"PartitionKey eq {partition} and Status eq {NoticeStatus.Pending} and RowKey lt {at.UtcDateTime.ToString("HHmmss", CultureInfo.InvariantCulture) + "|~"}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {partition} and Status eq {NoticeStatus.Pending}");
    }

    /// <summary>The first page of the query, of at most <paramref name="take"/> rows: one request.</summary>
    private static async Task<int> QueryAsync(TableClient table, string filter, int take, CancellationToken cancellationToken)
    {
        var page = await table.QueryAsync<TableEntity>(filter, maxPerPage: take, cancellationToken: cancellationToken).AsPages().FirstOrDefaultAsync(cancellationToken);
        return page?.Values.Count ?? 0;
    }

    private static async Task<int> PointAsync(TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        var result = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken);
        return result.HasValue ? 1 : 0;
    }

    private static async Task<ProbeResult> TimeAsync(string what, int partitionRows, int tries, Func<Task<int>> probe)
    {
        var rows = await probe(); // untimed first try
        var times = new List<double>();
        for (var i = 0; i < tries; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            rows = await probe();
            times.Add(stopwatch.Elapsed.TotalMilliseconds);
        }

        return new ProbeResult(what, partitionRows, rows, times);
    }
}
