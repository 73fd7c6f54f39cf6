using Microsoft.WindowsAzure.Storage.Queue;

namespace PartnerIntake.Shared.Storage;

/// <summary>A message leased from a queue. The SDK message stays inside the storage folder.</summary>
public sealed class ReceivedMessage
{
    internal ReceivedMessage(CloudQueueMessage raw) => Raw = raw;

    internal CloudQueueMessage Raw { get; }

    public string Id => Raw.Id;

    public string Text => Raw.AsString;

    public int DequeueCount => Raw.DequeueCount;
}

/// <summary>The queue operations a standalone listener needs, as the Functions host performs them.</summary>
public sealed class QueueReceiver(StorageAccount storage, string queueName)
{
    private readonly CloudQueue queue = storage.Queue(queueName);
    private readonly CloudQueue poison = storage.Queue(QueueNames.Poison(queueName));

    public string QueueName => queueName;

    public async Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(int count, TimeSpan lease, CancellationToken cancellationToken)
    {
        var messages = await StorageAccount.Guard(() => queue.GetMessagesAsync(count, lease, null, null, cancellationToken));
        return messages.Select(m => new ReceivedMessage(m)).ToList();
    }

    public Task CompleteAsync(ReceivedMessage message, CancellationToken cancellationToken) =>
        StorageAccount.Guard(() => queue.DeleteMessageAsync(message.Raw.Id, message.Raw.PopReceipt, null, null, cancellationToken));

    /// <summary>Makes a failed message visible again after <paramref name="delay"/> (host.json visibilityTimeout).</summary>
    public Task AbandonAsync(ReceivedMessage message, TimeSpan delay, CancellationToken cancellationToken) =>
        StorageAccount.Guard(() => queue.UpdateMessageAsync(message.Raw, delay, MessageUpdateFields.Visibility, null, null, cancellationToken));

    public Task RenewAsync(ReceivedMessage message, TimeSpan lease, CancellationToken cancellationToken) =>
        StorageAccount.Guard(() => queue.UpdateMessageAsync(message.Raw, lease, MessageUpdateFields.Visibility, null, null, cancellationToken));

    /// <summary>Copies the message to {queue}-poison, then deletes it: a crash in between leaves a copy, never a loss.</summary>
    public async Task MoveToPoisonAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        await StorageAccount.Guard(() => poison.AddMessageAsync(new CloudQueueMessage(message.Text), null, null, null, null, cancellationToken));
        await CompleteAsync(message, cancellationToken);
    }
}
