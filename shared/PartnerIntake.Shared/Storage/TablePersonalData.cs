using System.Text.Json.Nodes;
using Azure.Data.Tables;
using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Mail;
using PartnerIntake.Shared.Privacy;

namespace PartnerIntake.Shared.Storage;

/// <summary>
/// Erasure's and export's reads and writes. An inquiry keeps its row (document without contact and message, progress
/// columns, PersonalDataErasedAt), assignments and audit rows; its mails become traces (kind, state, dates, delivery
/// status). A donation keeps its row with the contact replaced (ContactErasedAt). Every write is a point operation.
/// </summary>
public sealed class TablePersonalData(StorageAccount storage, LimitKeys keys) : IPersonalDataStore
{
    private const string DonationRow = "donation";

    /// <summary>What an erased outbox record keeps: nothing addressed to or about a person.</summary>
    private static readonly string[] MailTrace = ["Kind", "Language", "State", "CreatedAt", "SentAt", "Attempts", "DeliveryStatus", "DeliveryAt"];

    private TableClient Inquiries => storage.Table(TableNames.Inquiries);

    private TableClient Donations => storage.Table(TableNames.Donations);

    public async Task<InquiryContact?> GetInquiryContactAsync(string reference, CancellationToken cancellationToken)
    {
        if (!InquiryReference.IsWellFormed(reference)
            || await Inquiries.FindAsync(reference, TableInquiryStore.RowKey, cancellationToken, ["Document", "Country", "PersonalDataErasedAt"]) is not { } row)
        {
            return null;
        }

        var email = ParseObject(row.GetString("Document"))?["contact"]?["email"]?.GetValue<string>() ?? "";
        return new InquiryContact(email, row.GetString("Country") ?? "", row.GetDateTimeOffset("PersonalDataErasedAt") is not null);
    }

    public async Task<int> EraseInquiryAsync(string reference, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var row = await Inquiries.FindAsync(reference, TableInquiryStore.RowKey, cancellationToken, ["Document", "PersonalDataErasedAt"]);
        if (row is null || row.GetDateTimeOffset("PersonalDataErasedAt") is not null)
        {
            return 0;
        }

        var document = ParseObject(row.GetString("Document")) ?? [];
        var contact = document["contact"] as JsonObject ?? [];
        contact["name"] = Erased.Marker;
        contact["email"] = Erased.Marker;
        contact.Remove("role");
        document["contact"] = contact;
        document["message"] = Erased.Marker;
        var update = new TableEntity(reference, TableInquiryStore.RowKey) { ["Document"] = document.ToJsonString(), ["PersonalDataErasedAt"] = at };
        return await Inquiries.TryUpdateAsync(update, row.ETag, TableUpdateMode.Merge, cancellationToken) ? 1 : 0;
    }

    public async Task<string?> GetDonationEmailAsync(string donationId, CancellationToken cancellationToken)
    {
        var row = await FindDonationAsync(donationId, cancellationToken);
        return row is null || row.GetDateTimeOffset("ContactErasedAt") is not null
            ? null
            : ParseObject(row.GetString("Document"))?["contact"]?["email"]?.GetValue<string>();
    }

    public async Task<int> EraseDonationContactAsync(string donationId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var row = await FindDonationAsync(donationId, cancellationToken);
        if (row is null || row.GetDateTimeOffset("ContactErasedAt") is not null)
        {
            return 0;
        }

        var document = ParseObject(row.GetString("Document")) ?? [];
        var contact = document["contact"] as JsonObject ?? [];
        contact["name"] = Erased.Marker;
        contact["email"] = Erased.Marker;
        document["contact"] = contact;
        var update = new TableEntity(donationId, DonationRow) { ["Document"] = document.ToJsonString(), ["ContactErasedAt"] = at };
        return await Donations.TryUpdateAsync(update, row.ETag, TableUpdateMode.Merge, cancellationToken) ? 1 : 0;
    }

    public async Task<(IReadOnlyList<string> OutboxIds, int Rewritten)> EraseMailsAsync(
        string ownerKind, string ownerId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var (table, all) = await MailRowsAsync(ownerKind, ownerId, cancellationToken);
        var rows = all.Where(r => !MailKinds.WithoutPartnerData.Contains(r.GetString("Kind") ?? "")).ToList();
        var rewritten = 0;
        foreach (var row in rows.Where(r => r.GetDateTimeOffset("ErasedAt") is null))
        {
            var trace = new TableEntity(row.PartitionKey, row.RowKey) { ["ErasedAt"] = at };
            foreach (var column in MailTrace)
            {
                trace.With(column, row.TryGetValue(column, out var value) ? value : null);
            }

            // A mail not sent yet has no recipient any more: marked settled so no retry sends an empty message (NotSent says so).
            if (row.GetString("State") != OutboxState.Sent)
            {
                trace["State"] = OutboxState.Sent;
                trace["NotSent"] = true;
            }

            // Replace, not merge: the recipient, subject and bodies go. A mail rewritten meanwhile (its send settled) is read again next time.
            if (await table.TryUpdateAsync(trace, row.ETag, TableUpdateMode.Replace, cancellationToken))
            {
                rewritten++;
            }
        }

        return (rows.Select(TableMailOutbox.OutboxIdOf).ToList(), rewritten);
    }

    public async Task<int> DeleteMailEventsAsync(string outboxId, CancellationToken cancellationToken)
    {
        var table = storage.Table(TableNames.MailEvents);
        var rows = await table.QueryListAsync(
            TableClient.CreateQueryFilter($"PartitionKey eq {TableMailEvents.Key(outboxId)}"), cancellationToken, select: ["PartitionKey", "RowKey"]);
        foreach (var row in rows)
        {
            await table.TryDeleteAsync(row.PartitionKey, row.RowKey, cancellationToken);
        }

        return rows.Count;
    }

    public async Task<int> EraseDuplicateKeyAsync(string country, string reference, CancellationToken cancellationToken)
    {
        var table = storage.Table(TableNames.InquiryIndex);
        if (string.IsNullOrEmpty(country) || await table.FindAsync(country, reference, cancellationToken) is not { } row || !row.ContainsKey("Contact"))
        {
            return 0;
        }

        row.Remove("Contact");
        return await table.TryUpdateAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken) ? 1 : 0;
    }

    public async Task<int> DeleteIdempotencyKeyAsync(string keyHash, CancellationToken cancellationToken)
    {
        var table = storage.Table(TableNames.IdempotencyKeys);
        if (await table.FindAsync(keyHash, "key", cancellationToken, ["PartitionKey"]) is null)
        {
            return 0;
        }

        await table.TryDeleteAsync(keyHash, "key", cancellationToken);
        return 1;
    }

    public async Task<int> DeleteAcknowledgementCountsAsync(string email, CancellationToken cancellationToken)
    {
        var table = storage.Table(TableNames.AcknowledgementCounts);
        var partition = keys.For("ack", AcknowledgementAddress.Normalise(email));
        var rows = await table.QueryListAsync(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken, select: ["PartitionKey", "RowKey"]);
        foreach (var row in rows)
        {
            await table.TryDeleteAsync(row.PartitionKey, row.RowKey, cancellationToken);
        }

        return rows.Count;
    }

    public async Task<ExportedInquiry?> ExportInquiryAsync(string reference, string email, CancellationToken cancellationToken)
    {
        if (!InquiryReference.IsWellFormed(reference))
        {
            return null;
        }

        var rows = await Inquiries.QueryListAsync(TableClient.CreateQueryFilter($"PartitionKey eq {reference}"), cancellationToken);
        if (rows.FirstOrDefault(r => r.RowKey == TableInquiryStore.RowKey) is not { } row)
        {
            return null;
        }

        var assignments = rows.Where(r => r.RowKey.StartsWith(TableAssignmentStore.RowPrefix, StringComparison.Ordinal))
            .Select(TableAssignmentStore.FromEntity)
            .Select(a => new ExportedAssignment(a.Sequence, a.Assignee.Name, a.State, a.CreatedAt, a.ActedAt))
            .ToList();
        var mails = rows.Where(r => r.RowKey.StartsWith(TableMailOutbox.RowPrefix, StringComparison.Ordinal)).Select(r => ToMail(r, email)).ToList();
        return new ExportedInquiry(
            reference,
            row.GetDateTimeOffset("ReceivedAt") ?? row.Timestamp ?? default,
            row.GetString("Status") ?? InquiryStatus.Received,
            row.GetDateTimeOffset("RoutedAt"),
            row.GetDateTimeOffset("AcceptedAt"),
            row.GetDateTimeOffset("PersonalDataErasedAt"),
            ParseObject(row.GetString("Document")),
            assignments,
            mails);
    }

    public async Task<ExportedDonation?> ExportDonationAsync(string donationId, string email, CancellationToken cancellationToken)
    {
        if (await FindDonationAsync(donationId, cancellationToken) is not { } row)
        {
            return null;
        }

        var (_, mails) = await MailRowsAsync(PersonalDataEntry.Donation, donationId, cancellationToken);
        return new ExportedDonation(
            donationId,
            row.GetDateTimeOffset("RecordedAt") ?? row.Timestamp ?? default,
            ParseObject(row.GetString("Document")),
            row.GetDateTimeOffset("ContactErasedAt"),
            mails.Select(m => ToMail(m, email)).ToList());
    }

    private async Task<(TableClient Table, List<TableEntity> Rows)> MailRowsAsync(string ownerKind, string ownerId, CancellationToken cancellationToken)
    {
        if (ownerKind == PersonalDataEntry.Inquiry)
        {
            var filter = TableClient.CreateQueryFilter(
                $"PartitionKey eq {ownerId} and RowKey ge {TableMailOutbox.RowPrefix} and RowKey lt {TableMailOutbox.RowPrefix + "~"}");
            return (Inquiries, await Inquiries.QueryListAsync(filter, cancellationToken));
        }

        // A donation's notices: outbox ids "{donation}.{kind}.{sequence}", each its own partition of MailOutbox.
        var outbox = storage.Table(TableNames.MailOutbox);
        var range = TableClient.CreateQueryFilter($"PartitionKey ge {ownerId + "."} and PartitionKey lt {ownerId + "/"}");
        return (outbox, await outbox.QueryListAsync(range, cancellationToken));
    }

    private Task<TableEntity?> FindDonationAsync(string donationId, CancellationToken cancellationToken) =>
        string.IsNullOrEmpty(donationId) || donationId.Length > 200 || donationId.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c))
            ? Task.FromResult<TableEntity?>(null)
            : Donations.FindAsync(donationId, DonationRow, cancellationToken);

    private static ExportedMail ToMail(TableEntity row, string email)
    {
        var to = row.GetString("ToEmail");
        var toThem = to is not null && AcknowledgementAddress.Normalise(to) == AcknowledgementAddress.Normalise(email);
        return new ExportedMail(
            TableMailOutbox.OutboxIdOf(row),
            row.GetString("Kind") ?? "",
            toThem,
            toThem ? row.GetString("Subject") : null,
            row.GetString("State"),
            row.GetDateTimeOffset("CreatedAt"),
            row.GetDateTimeOffset("SentAt"),
            row.GetString("DeliveryStatus"));
    }

    private static JsonObject? ParseObject(string? json)
    {
        try
        {
            return string.IsNullOrEmpty(json) ? null : JsonNode.Parse(json) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
