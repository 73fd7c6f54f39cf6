using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using PartnerIntake.Shared.Console;

namespace PartnerIntake.Shared.Storage;

/// <summary>
/// The console's operations on <c>{queue}-poison</c>. A queue can only delete a message it has leased (the pop receipt),
/// so replay and discard lease batches until they meet the id (at most <see cref="MaxBatches"/> × 32 messages), release
/// every other message at once, and delete only after the copy (replay) and the audit record are written.
/// </summary>
public sealed class StoragePoisonQueues(StorageAccount storage) : IPoisonQueueStore
{
    public const int MaxBatches = 10;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    public async Task<(IReadOnlyList<PoisonQueueMessage> Messages, int ApproximateCount)> PeekAsync(string queue, CancellationToken cancellationToken)
    {
        var poison = storage.Queue(QueueNames.Poison(queue));
        try
        {
            var properties = await StorageAccount.Guard(() => poison.GetPropertiesAsync(cancellationToken));
            var messages = await StorageAccount.Guard(() => poison.PeekMessagesAsync(IPoisonQueueStore.PeekLimit, cancellationToken));
            return (messages.Value.Select(m => new PoisonQueueMessage(queue, m.MessageId, m.InsertedOn, (int)m.DequeueCount, m.Body.ToString())).ToList(),
                properties.Value.ApproximateMessagesCount);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return ([], 0); // not created yet: nothing was ever poisoned
        }
    }

    public async Task<PoisonQueueMessage?> TakeAsync(
        string queue, string messageId, PoisonAction action, Func<PoisonQueueMessage, Task> beforeDelete, CancellationToken cancellationToken)
    {
        var poison = storage.Queue(QueueNames.Poison(queue));
        var passedOver = new List<QueueMessage>();
        QueueMessage? target = null;
        try
        {
            for (var batch = 0; batch < MaxBatches && target is null; batch++)
            {
                var messages = (await StorageAccount.Guard(() => poison.ReceiveMessagesAsync(32, Lease, cancellationToken))).Value;
                if (messages.Length == 0)
                {
                    break;
                }

                target = messages.FirstOrDefault(m => m.MessageId == messageId);
                passedOver.AddRange(messages.Where(m => m.MessageId != messageId));
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null; // not created yet
        }
        finally
        {
            await ReleaseAsync(poison, passedOver);
        }

        if (target is null)
        {
            return null;
        }

        var message = ToMessage(queue, target);
        var deleted = false;
        try
        {
            if (action == PoisonAction.Replay)
            {
                // The copy first: a failure after it leaves the message in both queues (processed again: idempotent), never in neither.
                await StorageAccount.Guard(() => storage.Queue(queue).SendMessageAsync(message.Body, cancellationToken));
            }

            await beforeDelete(message);
            await StorageAccount.Guard(() => poison.DeleteMessageAsync(target.MessageId, target.PopReceipt, cancellationToken));
            deleted = true;
            return message;
        }
        finally
        {
            if (!deleted)
            {
                await ReleaseAsync(poison, [target]);
            }
        }
    }

    /// <summary>Makes leased messages visible again now; best effort (a lease left alone runs out after a minute anyway).</summary>
    private static async Task ReleaseAsync(QueueClient poison, IEnumerable<QueueMessage> messages)
    {
        foreach (var m in messages)
        {
            try
            {
                // No new text: only the visibility changes.
                await poison.UpdateMessageAsync(m.MessageId, m.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: CancellationToken.None);
            }
            catch (Exception ex) when (ex is RequestFailedException or AggregateException or OperationCanceledException)
            {
                // A failed answer, a network timeout, or the SDK giving up after its retries: the lease runs out anyway.
            }
        }
    }

    private static PoisonQueueMessage ToMessage(string queue, QueueMessage m) =>
        new(queue, m.MessageId, m.InsertedOn, (int)m.DequeueCount, m.Body.ToString());
}
