using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PartnerIntake.Shared.Console;
using PartnerIntake.Shared.Mail;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.Shared.Privacy;

/// <summary>
/// Erasure (and, beside it, the access export): finds a person's records through <see cref="IPersonalDataIndex"/>,
/// erases each one's personal data through <see cref="IPersonalDataStore"/>, deletes the local .eml copies of their
/// mails, and records the run in the operator audit under a keyed hash of the address. Nothing personal is logged.
/// </summary>
public sealed partial class PersonalDataEraser(
    IPersonalDataIndex index,
    IPersonalDataStore store,
    IOperatorAudit audit,
    LimitKeys keys,
    IOptions<MailOptions> mail,
    TimeProvider time,
    ILogger<PersonalDataEraser> logger) : IPersonalDataEraser
{
    public const string AuditScope = "privacy";

    public async Task<ErasureReport> ErasePersonAsync(string email, string actor, CancellationToken cancellationToken)
    {
        var counts = new Counts();
        foreach (var entry in await index.FindAsync(email, cancellationToken))
        {
            if (entry.Kind == PersonalDataEntry.Inquiry)
            {
                await EraseInquiryCoreAsync(entry.Id, entry.IdempotencyKeyHash, counts, cancellationToken);
            }
            else if (entry.Kind == PersonalDataEntry.Donation)
            {
                await EraseDonationCoreAsync(entry.Id, counts, cancellationToken);
            }

            counts.Add("index", await index.RemoveAsync(email, entry, cancellationToken));
        }

        // Defensively, whatever the index held: the address's acknowledgement counts.
        counts.Add("acknowledgementCounts", await store.DeleteAcknowledgementCountsAsync(email, cancellationToken));
        return await FinishAsync("erase-person", SubjectOf(email), actor, counts, cancellationToken);
    }

    public async Task<ErasureReport> EraseInquiryAsync(string reference, string actor, CancellationToken cancellationToken)
    {
        var counts = new Counts();
        var contact = await store.GetInquiryContactAsync(reference, cancellationToken);
        if (contact is not null && !contact.AlreadyErased && contact.Email.Length > 0)
        {
            // The index row names the inquiry's idempotency key; it goes with the inquiry.
            var entry = (await index.FindAsync(contact.Email, cancellationToken))
                .FirstOrDefault(e => e.Kind == PersonalDataEntry.Inquiry && e.Id == reference);
            await EraseInquiryCoreAsync(reference, entry?.IdempotencyKeyHash, counts, cancellationToken);
            counts.Add("index", await index.RemoveAsync(contact.Email, entry ?? new PersonalDataEntry(PersonalDataEntry.Inquiry, reference), cancellationToken));
            counts.Add("acknowledgementCounts", await store.DeleteAcknowledgementCountsAsync(contact.Email, cancellationToken));
        }
        else if (contact is not null)
        {
            await EraseInquiryCoreAsync(reference, null, counts, cancellationToken); // finishes a run that stopped half-way
        }

        return await FinishAsync("erase-inquiry", reference, actor, counts, cancellationToken);
    }

    public async Task<ErasureReport> EraseDonationContactAsync(string donationId, string actor, CancellationToken cancellationToken)
    {
        var counts = new Counts();
        var email = await store.GetDonationEmailAsync(donationId, cancellationToken);
        await EraseDonationCoreAsync(donationId, counts, cancellationToken);
        if (email is not null)
        {
            counts.Add("index", await index.RemoveAsync(email, new PersonalDataEntry(PersonalDataEntry.Donation, donationId), cancellationToken));
        }

        return await FinishAsync("erase-donation", donationId, actor, counts, cancellationToken);
    }

    /// <summary>Everything stored about the person, read through the same index erasure uses; recorded in the operator audit as erasures are.</summary>
    public async Task<PersonalDataExport> ExportAsync(string email, string actor, CancellationToken cancellationToken)
    {
        var inquiries = new List<ExportedInquiry>();
        var donations = new List<ExportedDonation>();
        foreach (var entry in await index.FindAsync(email, cancellationToken))
        {
            if (entry.Kind == PersonalDataEntry.Inquiry && await store.ExportInquiryAsync(entry.Id, email, cancellationToken) is { } inquiry)
            {
                inquiries.Add(inquiry);
            }
            else if (entry.Kind == PersonalDataEntry.Donation && await store.ExportDonationAsync(entry.Id, email, cancellationToken) is { } donation)
            {
                donations.Add(donation);
            }
        }

        var detail = $"inquiries={inquiries.Count}, donations={donations.Count}";
        await audit.AppendAsync(new OperatorAction(AuditScope, time.GetUtcNow(), actor, "export", SubjectOf(email), detail, null), cancellationToken);
        return new PersonalDataExport(email, time.GetUtcNow(), inquiries.OrderBy(i => i.ReceivedAt).ToList(), donations.OrderBy(d => d.RecordedAt).ToList());
    }

    /// <summary>What the audit and the logs name instead of the address.</summary>
    public string SubjectOf(string email) => keys.For("person", Intake.AcknowledgementAddress.Normalise(email));

    private async Task EraseInquiryCoreAsync(string reference, string? idempotencyKeyHash, Counts counts, CancellationToken cancellationToken)
    {
        var contact = await store.GetInquiryContactAsync(reference, cancellationToken);
        if (contact is null)
        {
            return;
        }

        var now = time.GetUtcNow();

        // Mails and index entries first, the inquiry row last: a run that stops half-way is finished by the next one.
        await EraseMailsAsync(PersonalDataEntry.Inquiry, reference, now, counts, cancellationToken);
        counts.Add("duplicateIndex", await store.EraseDuplicateKeyAsync(contact.Country, reference, cancellationToken));
        if (idempotencyKeyHash is not null)
        {
            counts.Add("idempotencyKeys", await store.DeleteIdempotencyKeyAsync(idempotencyKeyHash, cancellationToken));
        }

        counts.Add("inquiries", await store.EraseInquiryAsync(reference, now, cancellationToken));
    }

    private async Task EraseDonationCoreAsync(string donationId, Counts counts, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await EraseMailsAsync(PersonalDataEntry.Donation, donationId, now, counts, cancellationToken);
        counts.Add("donations", await store.EraseDonationContactAsync(donationId, now, cancellationToken));
    }

    private async Task EraseMailsAsync(string ownerKind, string ownerId, DateTimeOffset now, Counts counts, CancellationToken cancellationToken)
    {
        var (outboxIds, rewritten) = await store.EraseMailsAsync(ownerKind, ownerId, now, cancellationToken);
        counts.Add("outbox", rewritten);
        foreach (var outboxId in outboxIds)
        {
            counts.Add("mailEvents", await store.DeleteMailEventsAsync(outboxId, cancellationToken));
            counts.Add("eml", DeleteLocalCopy(outboxId));
        }
    }

    /// <summary>The local outbox's copy ({outboxId}.eml); outbox ids are ours (reference or donation id, kind, sequence).</summary>
    private int DeleteLocalCopy(string outboxId)
    {
        if (string.IsNullOrEmpty(mail.Value.OutboxPath) || outboxId.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || outboxId.Contains("..", StringComparison.Ordinal))
        {
            return 0;
        }

        var path = Path.Combine(mail.Value.OutboxPath, outboxId + ".eml");
        if (!File.Exists(path))
        {
            return 0;
        }

        File.Delete(path);
        return 1;
    }

    private async Task<ErasureReport> FinishAsync(string action, string subject, string actor, Counts counts, CancellationToken cancellationToken)
    {
        var report = new ErasureReport(counts.Values);
        var detail = string.Join(", ", report.Erased.Where(p => p.Value > 0).Select(p => $"{p.Key}={p.Value}"));
        await audit.AppendAsync(new OperatorAction(AuditScope, time.GetUtcNow(), actor, action, subject, detail.Length == 0 ? "nothing to erase" : detail, null), cancellationToken);
        LogErased(action, subject, report.Total);
        return report;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Privacy {Action} for {Subject}: {Total} records erased")]
    private partial void LogErased(string action, string subject, int total);

    /// <summary>Per kind, every kind present (zero included) so the answer has one shape.</summary>
    private sealed class Counts
    {
        public Dictionary<string, int> Values { get; } = new(StringComparer.Ordinal)
        {
            ["inquiries"] = 0, ["donations"] = 0, ["outbox"] = 0, ["eml"] = 0, ["mailEvents"] = 0,
            ["duplicateIndex"] = 0, ["idempotencyKeys"] = 0, ["acknowledgementCounts"] = 0, ["index"] = 0,
        };

        public void Add(string kind, int count) => Values[kind] = Values.GetValueOrDefault(kind) + count;
    }
}
