using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace PartnerIntake.Shared.Storage;

/// <summary>A message leased from a queue. The SDK message stays inside the storage folder.</summary>
public sealed class ReceivedMessage
{
    internal ReceivedMessage(QueueMessage raw)
    {
        Id = raw.MessageId;
        PopReceipt = raw.PopReceipt;
        Text = raw.Body.ToString();
        DequeueCount = (int)raw.DequeueCount;
    }

    public string Id { get; }

    public string Text { get; }

    public int DequeueCount { get; }

    /// <summary>Changes with every update of the message: only the latest one can delete it.</summary>
    internal string PopReceipt { get; set; }
}

/// <summary>The queue operations a standalone listener needs, as the Functions host performs them.</summary>
public sealed class QueueReceiver(StorageAccount storage, string queueName)
{
    private readonly QueueClient queue = storage.Queue(queueName);
    private readonly QueueClient poison = storage.Queue(QueueNames.Poison(queueName));

    public string QueueName => queueName;

    public async Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(int count, TimeSpan lease, CancellationToken cancellationToken)
    {
        var messages = await StorageAccount.Guard(() => queue.ReceiveMessagesAsync(count, lease, cancellationToken));
        return messages.Value.Select(m => new ReceivedMessage(m)).ToList();
    }

    public Task CompleteAsync(ReceivedMessage message, CancellationToken cancellationToken) =>
        StorageAccount.Guard(() => queue.DeleteMessageAsync(message.Id, message.PopReceipt, cancellationToken));

    /// <summary>Makes a failed message visible again after <paramref name="delay"/> (host.json visibilityTimeout).</summary>
    public Task AbandonAsync(ReceivedMessage message, TimeSpan delay, CancellationToken cancellationToken) =>
        RenewAsync(message, delay, cancellationToken);

    public async Task RenewAsync(ReceivedMessage message, TimeSpan lease, CancellationToken cancellationToken)
    {
        var receipt = await StorageAccount.Guard(() => queue.UpdateMessageAsync(message.Id, message.PopReceipt, visibilityTimeout: lease, cancellationToken: cancellationToken));
        message.PopReceipt = receipt.Value.PopReceipt;
    }

    /// <summary>Copies the message to {queue}-poison, then deletes it: a crash in between leaves a copy, never a loss.</summary>
    public async Task MoveToPoisonAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        await StorageAccount.Guard(() => poison.SendMessageAsync(message.Text, cancellationToken));
        await CompleteAsync(message, cancellationToken);
    }
}
