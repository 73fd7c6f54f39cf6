namespace PartnerIntake.Functions.Hosting;

/// <summary>One delivery of a queue message, whoever delivered it (the Functions host or our standalone listener).</summary>
public sealed record QueueMessageInput(string Text, int DequeueCount, int MaxDequeueCount);

/// <summary>A queue-triggered function: a thin adapter from a message to a feature.</summary>
public interface IQueueFunction
{
    string Name { get; }

    /// <summary>Completes normally when the message is done with; throws to have it retried.</summary>
    Task InvokeAsync(QueueMessageInput input, CancellationToken cancellationToken);
}
