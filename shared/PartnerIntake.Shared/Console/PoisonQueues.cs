using System.Text.Json;
using Microsoft.Extensions.Logging;
using PartnerIntake.Shared.Common;
using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.Shared.Console;

/// <summary>
/// A message in a <c>{queue}-poison</c> queue. <see cref="DequeueCount"/> is the poison copy's own count (the copy is a new
/// message, so the original's attempts are not carried over; the console's own look-ups add to it).
/// </summary>
public sealed record PoisonQueueMessage(string Queue, string MessageId, DateTimeOffset? InsertedAt, int DequeueCount, string Body);

/// <summary>A poison message with what is known about why it failed.</summary>
public sealed record PoisonMessageView(PoisonQueueMessage Message, string Error, string? Reference, string? InquiryStatus, DateTimeOffset? FailedAt);

public sealed record PoisonQueueListing(string Queue, string PoisonQueue, int ApproximateCount, IReadOnlyList<PoisonMessageView> Messages)
{
    /// <summary>True when the queue holds more messages than a peek shows (at most <see cref="IPoisonQueueStore.PeekLimit"/>).</summary>
    public bool MoreThanShown => ApproximateCount > Messages.Count;
}

public enum PoisonAction
{
    /// <summary>Put a copy back on the original queue, then delete it from the poison queue.</summary>
    Replay,

    /// <summary>Delete it from the poison queue.</summary>
    Discard,
}

public enum PoisonActionOutcome
{
    Done,

    /// <summary>No such message (already replayed or discarded, or leased by another operator right now).</summary>
    NotFound,

    /// <summary>The queue is not one of <see cref="QueueNames.All"/>.</summary>
    UnknownQueue,
}

/// <summary>One thing an operator did from the console, kept in the OperatorActions table.</summary>
public sealed record OperatorAction(string Scope, DateTimeOffset At, string Actor, string Action, string Subject, string? Detail, string? Reason);

public interface IOperatorAudit
{
    Task AppendAsync(OperatorAction action, CancellationToken cancellationToken);

    /// <summary>The latest actions of one scope (e.g. <c>poison:inquiries</c>), newest first.</summary>
    Task<IReadOnlyList<OperatorAction>> ListAsync(string scope, int max, CancellationToken cancellationToken);
}

/// <summary>The queue operations behind the poison page (the storage adapter knows the SDK).</summary>
public interface IPoisonQueueStore
{
    /// <summary>The most messages a queue shows without leasing them (the service's peek limit).</summary>
    public const int PeekLimit = 32;

    /// <summary>The first messages of <c>{queue}-poison</c>, without leasing them, and the queue's approximate length.</summary>
    Task<(IReadOnlyList<PoisonQueueMessage> Messages, int ApproximateCount)> PeekAsync(string queue, CancellationToken cancellationToken);

    /// <summary>
    /// Leases the message with this id from <c>{queue}-poison</c> (other messages looked at on the way are released at once);
    /// for <see cref="PoisonAction.Replay"/> adds a copy to <paramref name="queue"/>; then awaits <paramref name="beforeDelete"/>
    /// and deletes it. Any failure before the delete leaves the message in the poison queue (visible again at once):
    /// at least once, never lost. Null when no such message is visible.
    /// </summary>
    Task<PoisonQueueMessage?> TakeAsync(string queue, string messageId, PoisonAction action, Func<PoisonQueueMessage, Task> beforeDelete,
        CancellationToken cancellationToken);
}

/// <summary>
/// The poison queues: what is in them and why, replay and discard. Failures are not stored with the message (the
/// Functions host and the standalone listener move it as it is), so the error shown is diagnosed from what is stored:
/// for <c>inquiries</c>, whether the body is a valid message and the inquiry's status (RouteInquiry marks it
/// <c>failed</c>, with the time, on the last attempt; the exception itself is in the app's logs at that time).
/// Every replay and discard is recorded in OperatorActions — a discard before the message is deleted.
/// </summary>
public sealed partial class PoisonQueues(IPoisonQueueStore store, IOperatorAudit audit, IInquiryStore inquiries, TimeProvider time, ILogger<PoisonQueues> logger)
{
    public static IReadOnlyList<string> Queues => QueueNames.All;

    public static string Scope(string queue) => "poison:" + queue;

    public async Task<PoisonQueueListing?> ListAsync(string queue, CancellationToken cancellationToken)
    {
        if (!Queues.Contains(queue))
        {
            return null;
        }

        var (messages, count) = await store.PeekAsync(queue, cancellationToken);
        var views = new List<PoisonMessageView>(messages.Count);
        foreach (var message in messages)
        {
            views.Add(await DiagnoseAsync(message, cancellationToken));
        }

        return new PoisonQueueListing(queue, QueueNames.Poison(queue), Math.Max(count, messages.Count), views);
    }

    public async Task<PoisonActionOutcome> ReplayAsync(string queue, string messageId, string actor, string? reason, CancellationToken cancellationToken) =>
        await TakeAsync(queue, messageId, PoisonAction.Replay, "replayed", actor, reason, cancellationToken);

    public async Task<PoisonActionOutcome> DiscardAsync(string queue, string messageId, string actor, string? reason, CancellationToken cancellationToken) =>
        await TakeAsync(queue, messageId, PoisonAction.Discard, "discarded", actor, reason, cancellationToken);

    /// <summary>The latest replays and discards of this queue's poison messages, newest first.</summary>
    public Task<IReadOnlyList<OperatorAction>> HistoryAsync(string queue, int max, CancellationToken cancellationToken) =>
        audit.ListAsync(Scope(queue), max, cancellationToken);

    private async Task<PoisonActionOutcome> TakeAsync(
        string queue, string messageId, PoisonAction action, string verb, string actor, string? reason, CancellationToken cancellationToken)
    {
        if (!Queues.Contains(queue))
        {
            return PoisonActionOutcome.UnknownQueue;
        }

        var taken = await store.TakeAsync(queue, messageId, action,
            message => audit.AppendAsync(new OperatorAction(Scope(queue), time.GetUtcNow(), actor, verb, message.MessageId, message.Body, reason), cancellationToken),
            cancellationToken);
        if (taken is null)
        {
            return PoisonActionOutcome.NotFound;
        }

        LogTaken(QueueNames.Poison(queue), messageId, verb);
        return PoisonActionOutcome.Done;
    }

    private async Task<PoisonMessageView> DiagnoseAsync(PoisonQueueMessage message, CancellationToken cancellationToken)
    {
        if (message.Queue != QueueNames.Inquiries)
        {
            return new PoisonMessageView(message, "No diagnosis for this queue: see the app's logs around the time the message was inserted.", null, null, null);
        }

        string? reference = null;
        try
        {
            reference = JsonSerializer.Deserialize<InquiryQueued>(message.Body, Json.Options)?.InquiryId;
        }
        catch (JsonException)
        {
        }

        if (!InquiryReference.IsWellFormed(reference))
        {
            return new PoisonMessageView(message,
                "Malformed message: not {\"inquiryId\": \"PI-…\"}. RouteInquiry rejects it on every attempt; replaying will not help.", null, null, null);
        }

        var progress = await inquiries.GetProgressAsync(reference!, cancellationToken);
        return progress switch
        {
            null => new PoisonMessageView(message,
                "No stored inquiry has this reference (its submission was rolled back, or the id is wrong): replaying completes it without routing.",
                reference, null, null),
            { Status: InquiryStatus.Failed } => new PoisonMessageView(message,
                $"Routing gave up on its last attempt at {progress.FailedAt:yyyy-MM-dd HH:mm:ss} UTC and marked the inquiry failed; the exception is in the app's logs for this reference at that time. Replay once the cause is fixed.",
                reference, progress.Status, progress.FailedAt),
            { Status: InquiryStatus.Received } => new PoisonMessageView(message,
                "The inquiry was never routed and no failure was recorded (the worker stopped mid-run, or marking it failed did not succeed). Replay to route it.",
                reference, progress.Status, null),
            _ => new PoisonMessageView(message,
                $"The inquiry is {progress.Status} now: it was handled after this copy was poisoned. Replaying is harmless (routing is idempotent); discarding is safe.",
                reference, progress.Status, progress.FailedAt),
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Poison message {MessageId} of {Queue} {Verb} by an operator")]
    private partial void LogTaken(string queue, string messageId, string verb);
}
