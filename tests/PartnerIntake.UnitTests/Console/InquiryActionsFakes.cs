using PartnerIntake.Shared.Assignment;
using PartnerIntake.Shared.Console;
using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Mail;
using PartnerIntake.UnitTests.Support;

namespace PartnerIntake.UnitTests.Console;

/// <summary>The affiliate action path as a recording stub: answers what the test sets.</summary>
public sealed class FakeAssignmentActions : IAssignmentActions
{
    public List<ActRequest> Requests { get; } = [];

    public Func<ActRequest, ActOutcome> Answer { get; set; } = r => new ActOutcome.Done(null!, AssignmentState.Redirected);

    public Task<ActOutcome> ActAsync(ActRequest request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        return Task.FromResult(Answer(request));
    }
}

/// <summary>Closing over an <see cref="InMemoryInquiryStore"/>: the status becomes closed, the closure is kept aside.</summary>
public sealed class InMemoryClosures(InMemoryInquiryStore store) : IInquiryClosures
{
    public Dictionary<string, InquiryClosure> Closures { get; } = [];

    public Task CloseAsync(string reference, InquiryClosure closure, CancellationToken cancellationToken)
    {
        store.Items[reference] = store.Items[reference] with { Status = InquiryStatus.Closed };
        Closures[reference] = closure;
        return Task.CompletedTask;
    }

    public Task<InquiryClosure?> GetAsync(string reference, CancellationToken cancellationToken) =>
        Task.FromResult(Closures.GetValueOrDefault(reference));
}

/// <summary>Stored mails read from an <see cref="InMemoryMailOutbox"/>.</summary>
public sealed class InMemoryStoredMails(InMemoryMailOutbox outbox) : IStoredMails
{
    public Task<OutboundMail?> GetAsync(string outboxId, CancellationToken cancellationToken) =>
        Task.FromResult(outbox.Records.GetValueOrDefault(outboxId)?.Mail);
}

public sealed class InMemoryDueActions : IDueActions
{
    public HashSet<DueAction> Items { get; } = [];

    public Task ScheduleAsync(DueAction action, CancellationToken cancellationToken)
    {
        Items.Add(action);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<DueAction>> DueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DueAction>>(Items.Where(i => i.DueAt <= now).Take(max).ToList());

    public Task CompleteAsync(DueAction action, CancellationToken cancellationToken)
    {
        Items.Remove(action);
        return Task.CompletedTask;
    }
}
