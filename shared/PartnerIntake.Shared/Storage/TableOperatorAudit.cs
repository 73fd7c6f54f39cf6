using System.Globalization;
using Azure.Data.Tables;
using PartnerIntake.Shared.Console;

namespace PartnerIntake.Shared.Storage;

/// <summary>
/// OperatorActions table: PartitionKey = scope (e.g. <c>poison:inquiries</c>), RowKey = inverted ticks + subject, so a
/// partition reads newest first. Insert only. Detail holds the message body (queue messages carry ids, not documents).
/// </summary>
public sealed class TableOperatorAudit(StorageAccount storage) : IOperatorAudit
{
    private const int MaxDetail = 30_000;

    private TableClient Table => storage.Table(TableNames.OperatorActions);

    public Task AppendAsync(OperatorAction action, CancellationToken cancellationToken)
    {
        var inverted = (DateTimeOffset.MaxValue.UtcTicks - action.At.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);
        var e = new TableEntity(action.Scope, $"{inverted}|{TableMailEvents.Key(action.Subject)}|{Guid.NewGuid():N}")
        {
            ["At"] = action.At,
            ["Actor"] = action.Actor,
            ["Action"] = action.Action,
            ["Subject"] = action.Subject,
        };
        e.With("Detail", action.Detail is { Length: > MaxDetail } d ? d[..MaxDetail] : action.Detail)
            .With("Reason", action.Reason);
        return StorageAccount.Guard(() => Table.AddEntityAsync(e, cancellationToken));
    }

    public async Task<IReadOnlyList<OperatorAction>> ListAsync(string scope, int max, CancellationToken cancellationToken)
    {
        var rows = await Table.QueryListAsync(TableClient.CreateQueryFilter($"PartitionKey eq {scope}"), cancellationToken, Math.Clamp(max, 1, 1000));
        return rows.Take(max).Select(e => new OperatorAction(
            e.PartitionKey,
            e.GetDateTimeOffset("At") ?? e.Timestamp ?? default,
            e.GetString("Actor") ?? "",
            e.GetString("Action") ?? "",
            e.GetString("Subject") ?? "",
            e.GetString("Detail"),
            e.GetString("Reason"))).ToList();
    }
}
