using PartnerIntake.Shared.Assignment;
using PartnerIntake.Shared.Console;
using PartnerIntake.Shared.Intake;

namespace PartnerIntake.UnitTests.Support;

/// <summary>The console's list query over an <see cref="InMemoryInquiryStore"/>, applying the filter as the table query does.</summary>
public sealed class InMemoryInquiryQueries(InMemoryInquiryStore store) : IInquiryQueries
{
    public List<InquiryFilter> Filters { get; } = [];

    public Task<(IReadOnlyList<InquiryRow> Rows, bool Truncated)> FindAsync(InquiryFilter filter, bool withSubmissions, int maxRows, CancellationToken cancellationToken)
    {
        Filters.Add(filter);
        var rows = store.Items.Values
            .Select(i => new InquiryRow(i.Reference, i.Status, i.ReceivedAt, i.Submission.Organization.Country, i.Submission.Topics, i.Assignee,
                i.RoutedAt, null, i.FailedAt) { Submission = withSubmissions ? i.Submission : null })
            .Where(filter.Matches)
            .ToList();
        return Task.FromResult<(IReadOnlyList<InquiryRow>, bool)>((rows.Take(maxRows).ToList(), rows.Count > maxRows));
    }
}

public sealed class InMemoryAssignmentStore : IAssignmentStore
{
    public List<InquiryAssignment> Items { get; } = [];

    public Task<InquiryAssignment?> GetAsync(string reference, int sequence, CancellationToken cancellationToken) =>
        Task.FromResult(Items.FirstOrDefault(a => a.Reference == reference && a.Sequence == sequence));

    public Task<IReadOnlyList<InquiryAssignment>> ListAsync(string reference, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<InquiryAssignment>>(Items.Where(a => a.Reference == reference).OrderBy(a => a.Sequence).ToList());

    public Task<InquiryAssignment> CreateOnceAsync(InquiryAssignment assignment, CancellationToken cancellationToken)
    {
        Items.Add(assignment);
        return Task.FromResult(assignment);
    }

    public Task<bool> TryTransitionAsync(InquiryAssignment assignment, string state, DateTimeOffset at, string actedBy, string? reason, string? handedTo,
        CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> TryMarkRemindedAsync(InquiryAssignment assignment, DateTimeOffset at, CancellationToken cancellationToken) =>
        throw new NotSupportedException();
}

public sealed class InMemoryAuditTrail : IAuditTrail
{
    public List<AuditEntry> Entries { get; } = [];

    public Task AppendOnceAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        if (!Entries.Any(e => e.Reference == entry.Reference && e.Key == entry.Key))
        {
            Entries.Add(entry);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AuditEntry>> ListAsync(string reference, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AuditEntry>>(Entries.Where(e => e.Reference == reference).OrderBy(e => e.Key, StringComparer.Ordinal).ToList());
}

public sealed class FakeDuplicateLookup : IDuplicateLookup
{
    public Dictionary<string, IReadOnlyList<LinkedInquiry>> Links { get; } = [];

    public Task<IReadOnlyList<LinkedInquiry>> FindLinkedAsync(InquirySubmission submission, string reference, CancellationToken cancellationToken) =>
        Task.FromResult(Links.GetValueOrDefault(reference) ?? []);
}

public sealed class FakeMailRecords : IMailRecords
{
    public List<SentMail> Mails { get; } = [];

    public Task<IReadOnlyList<SentMail>> ForInquiryAsync(string reference, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SentMail>>(Mails.Where(m => m.Record.OutboxId.StartsWith(reference + ".", StringComparison.Ordinal)).ToList());

    public Task<IReadOnlyDictionary<string, MailRecord>> GetManyAsync(IEnumerable<string> outboxIds, CancellationToken cancellationToken)
    {
        var wanted = outboxIds.ToHashSet(StringComparer.Ordinal);
        return Task.FromResult<IReadOnlyDictionary<string, MailRecord>>(
            Mails.Where(m => wanted.Contains(m.Record.OutboxId)).ToDictionary(m => m.Record.OutboxId, m => m.Record, StringComparer.Ordinal));
    }
}

/// <summary>Poison queues in memory; records the order of steps so tests can check the audit comes before the delete.</summary>
public sealed class InMemoryPoisonQueues : IPoisonQueueStore
{
    public Dictionary<string, List<PoisonQueueMessage>> Poison { get; } = [];

    public Dictionary<string, List<string>> Queues { get; } = [];

    public List<string> Steps { get; } = [];

    public PoisonQueueMessage Add(string queue, string body, DateTimeOffset? insertedAt = null)
    {
        var message = new PoisonQueueMessage(queue, Guid.NewGuid().ToString(), insertedAt, 0, body);
        (Poison.TryGetValue(queue, out var list) ? list : Poison[queue] = []).Add(message);
        return message;
    }

    public Task<(IReadOnlyList<PoisonQueueMessage> Messages, int ApproximateCount)> PeekAsync(string queue, CancellationToken cancellationToken)
    {
        var list = Poison.GetValueOrDefault(queue) ?? [];
        return Task.FromResult<(IReadOnlyList<PoisonQueueMessage>, int)>((list.Take(IPoisonQueueStore.PeekLimit).ToList(), list.Count));
    }

    public async Task<PoisonQueueMessage?> TakeAsync(string queue, string messageId, PoisonAction action, Func<PoisonQueueMessage, Task> beforeDelete,
        CancellationToken cancellationToken)
    {
        var list = Poison.GetValueOrDefault(queue) ?? [];
        var message = list.FirstOrDefault(m => m.MessageId == messageId);
        if (message is null)
        {
            return null;
        }

        if (action == PoisonAction.Replay)
        {
            (Queues.TryGetValue(queue, out var q) ? q : Queues[queue] = []).Add(message.Body);
            Steps.Add("requeued");
        }

        await beforeDelete(message);
        list.Remove(message);
        Steps.Add("deleted");
        return message;
    }
}

public sealed class InMemoryOperatorAudit(List<string>? steps = null) : IOperatorAudit
{
    public List<OperatorAction> Actions { get; } = [];

    public bool Fail { get; set; }

    public Task AppendAsync(OperatorAction action, CancellationToken cancellationToken)
    {
        if (Fail)
        {
            throw new PartnerIntake.Shared.Storage.StorageUnavailableException("down");
        }

        Actions.Add(action);
        steps?.Add("audited");
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<OperatorAction>> ListAsync(string scope, int max, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<OperatorAction>>(Actions.Where(a => a.Scope == scope).OrderByDescending(a => a.At).Take(max).ToList());
}

public sealed class InMemoryRecognition : IRecognitionQueries, PartnerIntake.Shared.Recognition.IDonationStore
{
    public Dictionary<string, PartnerIntake.Shared.Recognition.Donation> Donations { get; } = [];

    public List<NoticeRow> Notices { get; } = [];

    public Task<(IReadOnlyList<DonationRow> Rows, bool Truncated)> DonationsAsync(int maxRows, CancellationToken cancellationToken)
    {
        var rows = Donations.Values.Select(d => new DonationRow(d.Id, d.Submission.Institution.Name, d.Submission.Institution.Country, d.RecordedAt,
            d.Unsubscribed, d.BouncedAt, d.BounceEvent)).ToList();
        return Task.FromResult<(IReadOnlyList<DonationRow>, bool)>((rows.Take(maxRows).ToList(), rows.Count > maxRows));
    }

    public Task<IReadOnlyList<NoticeRow>> PendingNoticesAsync(DateOnly dueUpTo, int max, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<NoticeRow>>(Notices
            .Where(n => n.Notice.Status == PartnerIntake.Shared.Recognition.NoticeStatus.Pending && DateOnly.FromDateTime(n.Notice.DueAt.UtcDateTime) <= dueUpTo)
            .OrderBy(n => n.Notice.DueAt).Take(max).ToList());

    public Task<(IReadOnlyList<NoticeRow> Rows, bool Truncated)> SentNoticesAsync(DateTimeOffset since, int maxRows, CancellationToken cancellationToken) =>
        Task.FromResult<(IReadOnlyList<NoticeRow>, bool)>((Notices
            .Where(n => n.Notice.Status == PartnerIntake.Shared.Recognition.NoticeStatus.Sent && n.HandledAt >= since).Take(maxRows).ToList(), false));

    public Task<IReadOnlyList<DonationRow>> DonationsForInquiryAsync(string reference, int max, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DonationRow>>(Donations.Values.Where(d => d.Submission.InquiryReference == reference)
            .Select(d => new DonationRow(d.Id, d.Submission.Institution.Name, d.Submission.Institution.Country, d.RecordedAt, d.Unsubscribed, d.BouncedAt, d.BounceEvent))
            .Take(max).ToList());

    public Task InsertAsync(PartnerIntake.Shared.Recognition.Donation donation, CancellationToken cancellationToken)
    {
        Donations[donation.Id] = donation;
        return Task.CompletedTask;
    }

    public Task<PartnerIntake.Shared.Recognition.Donation?> GetAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult(Donations.GetValueOrDefault(id));

    public Task SetUnsubscribedAsync(string id, DateTimeOffset at, CancellationToken cancellationToken) => Task.CompletedTask;
}
