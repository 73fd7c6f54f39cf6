using System.Text.Json;
using PartnerIntake.Shared.Common;
using PartnerIntake.Shared.Intake;

namespace PartnerIntake.Shared.Storage;

public sealed class StorageInquiryQueue(StorageAccount storage) : IInquiryQueue
{
    public Task EnqueueAsync(InquiryQueued message, CancellationToken cancellationToken) =>
        StorageAccount.Guard(() => storage.Queue(QueueNames.Inquiries).SendMessageAsync(JsonSerializer.Serialize(message, Json.Options), cancellationToken));
}
