using System.Collections.Concurrent;
using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Mail;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.UnitTests.Support;

/// <summary>In-memory stand-ins for our own storage ports, for domain tests (integration tests use Azurite).</summary>
public sealed class InMemoryInquiryStore : IInquiryStore
{
    public ConcurrentDictionary<string, Inquiry> Items { get; } = new();

    public bool FailInsert { get; set; }

    public bool FailDelete { get; set; }

    public Task InsertAsync(Inquiry inquiry, CancellationToken cancellationToken)
    {
        if (FailInsert)
        {
            throw new StorageUnavailableException("down");
        }

        Items[inquiry.Reference] = inquiry;
        return Task.CompletedTask;
    }

    public Task<Inquiry?> GetAsync(string reference, CancellationToken cancellationToken) =>
        Task.FromResult(Items.GetValueOrDefault(reference));

    public Task<InquiryProgress?> GetProgressAsync(string reference, CancellationToken cancellationToken) =>
        Task.FromResult(Items.TryGetValue(reference, out var i)
            ? new InquiryProgress(i.Reference, i.Status, i.ReceivedAt, i.RoutedAt, i.Assignee, i.Explanation, i.FailedAt)
            : null);

    public Task DeleteAsync(string reference, CancellationToken cancellationToken)
    {
        if (FailDelete)
        {
            throw new StorageUnavailableException("down");
        }

        Items.TryRemove(reference, out _);
        return Task.CompletedTask;
    }

    public Task MarkRoutedAsync(string reference, AssigneeSummary assignee, string explanation, DateTimeOffset at, CancellationToken cancellationToken)
    {
        Items[reference] = Items[reference] with { Status = InquiryStatus.Routed, Assignee = assignee, Explanation = explanation, RoutedAt = at };
        return Task.CompletedTask;
    }

    public Task MarkFailedAsync(string reference, DateTimeOffset at, CancellationToken cancellationToken)
    {
        Items[reference] = Items[reference] with { Status = InquiryStatus.Failed, FailedAt = at };
        return Task.CompletedTask;
    }

    public Task MarkAcceptedAsync(string reference, AssigneeSummary assignee, DateTimeOffset at, CancellationToken cancellationToken)
    {
        Items[reference] = Items[reference] with { Status = InquiryStatus.Accepted, Assignee = assignee };
        return Task.CompletedTask;
    }

    public IAsyncEnumerable<Inquiry> ScanAsync(CancellationToken cancellationToken) => Items.Values.ToAsyncEnumerable();
}

public sealed class InMemoryInquiryQueue : IInquiryQueue
{
    public ConcurrentQueue<InquiryQueued> Messages { get; } = new();

    public bool Fail { get; set; }

    public Task EnqueueAsync(InquiryQueued message, CancellationToken cancellationToken)
    {
        if (Fail)
        {
            throw new StorageUnavailableException("down");
        }

        Messages.Enqueue(message);
        return Task.CompletedTask;
    }
}

public sealed class InMemoryMailOutbox : IMailOutbox
{
    private readonly Dictionary<string, OutboxRecord> records = [];
    private int etag;

    public IReadOnlyDictionary<string, OutboxRecord> Records => records;

    public Task<(OutboxRecord Record, bool Claimed)> AddClaimedOrGetAsync(
        OutboundMail mail, DateTimeOffset now, DateTimeOffset claimUntil, CancellationToken cancellationToken)
    {
        lock (records)
        {
            if (records.TryGetValue(mail.OutboxId, out var existing))
            {
                return Task.FromResult((existing, false));
            }

            var record = new OutboxRecord(mail, OutboxState.Sending, claimUntil, 1, NextETag());
            records[mail.OutboxId] = record;
            return Task.FromResult((record, true));
        }
    }

    /// <summary>Puts a record in place as another worker would have left it.</summary>
    public void Seed(OutboundMail mail, string state, DateTimeOffset? claimedUntil)
    {
        lock (records)
        {
            records[mail.OutboxId] = new OutboxRecord(mail, state, claimedUntil, 1, NextETag());
        }
    }

    public Task<bool> TryClaimAsync(OutboxRecord record, DateTimeOffset until, CancellationToken cancellationToken)
    {
        lock (records)
        {
            var current = records[record.Mail.OutboxId];
            if (current.ETag != record.ETag)
            {
                return Task.FromResult(false);
            }

            records[record.Mail.OutboxId] = current with { State = OutboxState.Sending, ClaimedUntil = until, Attempts = current.Attempts + 1, ETag = NextETag() };
            return Task.FromResult(true);
        }
    }

    /// <summary>How many settle writes were made: the messages of one send are settled in one.</summary>
    public int SettleWrites { get; private set; }

    public Task SettleAsync(IReadOnlyList<MailSettlement> settlements, CancellationToken cancellationToken)
    {
        lock (records)
        {
            SettleWrites++;
            foreach (var s in settlements)
            {
                records[s.OutboxId] = records[s.OutboxId] with { State = s.Sent ? OutboxState.Sent : OutboxState.Pending, ETag = NextETag() };
            }
        }

        return Task.CompletedTask;
    }

    private string NextETag() => (++etag).ToString(System.Globalization.CultureInfo.InvariantCulture);
}

public sealed class RecordingTransport : IMailTransport
{
    public List<OutboundMail> Sent { get; } = [];

    public int FailuresLeft { get; set; }

    public Task<string?> SendAsync(OutboundMail mail, CancellationToken cancellationToken)
    {
        if (FailuresLeft > 0)
        {
            FailuresLeft--;
            throw new HttpRequestException("provider down");
        }

        Sent.Add(mail);
        return Task.FromResult<string?>("msg-" + Sent.Count);
    }
}

public sealed class InMemoryIdempotencyStore : IIdempotencyStore
{
    private readonly ConcurrentDictionary<string, (string Reference, string BodyHash)> keys = new();

    public Task<(string Reference, string BodyHash)> ClaimAsync(IdempotencyClaim claim, string reference, DateTimeOffset at, CancellationToken cancellationToken) =>
        Task.FromResult(keys.GetOrAdd(claim.KeyHash, (reference, claim.BodyHash)));
}

public sealed class InMemorySubmissionLimiter : ISubmissionLimiter
{
    public bool Full { get; set; }

    public ConcurrentQueue<string> Clients { get; } = new();

    public Task<LimitDecision> TryAcquireAsync(string client, CancellationToken cancellationToken)
    {
        Clients.Enqueue(client);
        return Task.FromResult(new LimitDecision(!Full, DateTimeOffset.UnixEpoch));
    }
}
