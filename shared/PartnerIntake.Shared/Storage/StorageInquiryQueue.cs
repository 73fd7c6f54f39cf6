using System.Text.Json;
using Microsoft.WindowsAzure.Storage.Queue;
using PartnerIntake.Shared.Common;
using PartnerIntake.Shared.Intake;

namespace PartnerIntake.Shared.Storage;

public sealed class StorageInquiryQueue(StorageAccount storage) : IInquiryQueue
{
    public Task EnqueueAsync(InquiryQueued message, CancellationToken cancellationToken) =>
        StorageAccount.Guard(() => storage.Queue(QueueNames.Inquiries).AddMessageAsync(
            new CloudQueueMessage(JsonSerializer.Serialize(message, Json.Options)), null, null, null, null, cancellationToken));
}
