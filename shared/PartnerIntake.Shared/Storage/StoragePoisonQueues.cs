using Microsoft.WindowsAzure.Storage;
using Microsoft.WindowsAzure.Storage.Queue;
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
            await StorageAccount.Guard(() => poison.FetchAttributesAsync(null, null, cancellationToken));
            var messages = await StorageAccount.Guard(() => poison.PeekMessagesAsync(IPoisonQueueStore.PeekLimit, null, null, cancellationToken));
            return (messages.Select(m => ToMessage(queue, m)).ToList(), poison.ApproximateMessageCount ?? 0);
        }
        catch (StorageException ex) when (StorageAccount.StatusOf(ex) == 404)
        {
            return ([], 0); // not created yet: nothing was ever poisoned
        }
    }

    public async Task<PoisonQueueMessage?> TakeAsync(
        string queue, string messageId, PoisonAction action, Func<PoisonQueueMessage, Task> beforeDelete, CancellationToken cancellationToken)
    {
        var poison = storage.Queue(QueueNames.Poison(queue));
        var passedOver = new List<CloudQueueMessage>();
        CloudQueueMessage? target = null;
        try
        {
            for (var batch = 0; batch < MaxBatches && target is null; batch++)
            {
                var messages = (await StorageAccount.Guard(() => poison.GetMessagesAsync(32, Lease, null, null, cancellationToken))).ToList();
                if (messages.Count == 0)
                {
                    break;
                }

                target = messages.FirstOrDefault(m => m.Id == messageId);
                passedOver.AddRange(messages.Where(m => m.Id != messageId));
            }
        }
        catch (StorageException ex) when (StorageAccount.StatusOf(ex) == 404)
        {
            return null;
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
                await StorageAccount.Guard(() => storage.Queue(queue).AddMessageAsync(new CloudQueueMessage(message.Body), null, null, null, null, cancellationToken));
            }

            await beforeDelete(message);
            await StorageAccount.Guard(() => poison.DeleteMessageAsync(target.Id, target.PopReceipt, null, null, cancellationToken));
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
    private static async Task ReleaseAsync(CloudQueue poison, IEnumerable<CloudQueueMessage> messages)
    {
        foreach (var m in messages)
        {
            try
            {
                await poison.UpdateMessageAsync(m, TimeSpan.Zero, MessageUpdateFields.Visibility, null, null, CancellationToken.None);
            }
            catch (StorageException)
            {
            }
        }
    }

    private static PoisonQueueMessage ToMessage(string queue, CloudQueueMessage m) =>
        new(queue, m.Id, m.InsertionTime, m.DequeueCount, m.AsString);
}
