using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using PartnerIntake.Shared.Recognition;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.RecognitionBench;

/// <summary>One kind of single storage request, timed on its own: rows it returned, client-measured milliseconds per try.</summary>
public sealed record ProbeResult(string What, int PartitionRows, int Rows, IReadOnlyList<double> Milliseconds);

/// <summary>
/// What one read of the Notices table costs, request by request, after the scenario's runs: the range query a run makes
/// (built as TableNoticeStore.DueAsync builds it), the same query where no rows are, the query as a run reads when its
/// checkpoint is a day behind (a whole day partition), and point reads. Sequential, each repeated, on the scenario's own Azurite.
/// </summary>
public static class Probes
{
    public static async Task<IReadOnlyList<ProbeResult>> RunAsync(Scenario scenario, int tries, CancellationToken cancellationToken)
    {
        var table = scenario.Storage.Table(TableNames.Notices);
        var now = scenario.Clock.GetUtcNow();
        var today = scenario.Timeline.Today;
        var tomorrow = today.AddDays(1);
        var someDonation = scenario.Seeded.DueByWave[0].Keys.First();
        int RowsIn(DateOnly day) => scenario.Seeded.PartitionRows.GetValueOrDefault(day.ToString("yyyyMMdd", CultureInfo.InvariantCulture));
        var results = new List<ProbeResult>
        {
            await TimeAsync($"the run's query, checkpoint today, up to `{now.UtcDateTime:HHmmss}|~` (0 rows pending now)",
                RowsIn(today), tries, () => QueryAsync(table, DueFilter(today, today, now), 500, cancellationToken)),
            await TimeAsync("the same query on a day that holds no rows",
                0, tries, () => QueryAsync(table, DueFilter(new DateOnly(2000, 1, 1), new DateOnly(2000, 1, 1), now), 500, cancellationToken)),
            await TimeAsync("checkpoint a day behind: tomorrow's whole partition, as a run at 00:00 the day after reads it (first page of up to 500)",
                RowsIn(tomorrow), tries, () => QueryAsync(table, DueFilter(tomorrow, tomorrow.AddDays(1), tomorrow.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)), 500, cancellationToken)),
            await TimeAsync("point read: the checkpoint row",
                1, tries, () => PointAsync(table, "checkpoint", "earliest", cancellationToken)),
            await TimeAsync("point read: a Donations row",
                1, tries, () => PointAsync(scenario.Storage.Table(TableNames.Donations), someDonation, "donation", cancellationToken)),
        };
        return results;
    }

    /// <summary>As TableNoticeStore.DueAsync builds it: whole day partitions from the checkpoint, and today's up to now, pending only.</summary>
    private static string DueFilter(DateOnly checkpoint, DateOnly today, DateTimeOffset now)
    {
        var from = checkpoint.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var day = today.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var upToNow = now.UtcDateTime.ToString("HHmmss", CultureInfo.InvariantCulture) + "|~";
        return TableClient.CreateQueryFilter(
            $"((PartitionKey ge {from} and PartitionKey lt {day}) or (PartitionKey eq {day} and RowKey lt {upToNow})) and Status eq {NoticeStatus.Pending}");
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
