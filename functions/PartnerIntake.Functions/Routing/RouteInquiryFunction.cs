using System.Text.Json;
using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using PartnerIntake.Shared.Common;
using PartnerIntake.Shared.Hosting;
using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.Functions.Routing;

/// <summary>RouteInquiry: the queue trigger on "inquiries". Binds {"inquiryId": ...} and hands it to the routing feature.</summary>
public sealed class RouteInquiryFunction(Shared.Routing.RouteInquiry routing, QueueSettings queues)
{
    [Function("RouteInquiry")]
    public async Task RunAsync([QueueTrigger(QueueNames.Inquiries)] QueueMessage message, CancellationToken cancellationToken)
    {
        InquiryQueued? queued;
        try
        {
            queued = JsonSerializer.Deserialize<InquiryQueued>(message.Body.ToString(), Json.Options);
        }
        catch (JsonException)
        {
            queued = null;
        }

        if (queued?.InquiryId is not { Length: > 0 } id || !InquiryReference.IsWellFormed(id))
        {
            // Retried, then poisoned: an operator sees it in the console.
            throw new FormatException("The message is not {\"inquiryId\": \"PI-…\"}.");
        }

        await routing.RouteAsync(id, (int)message.DequeueCount, queues.MaxDequeueCount, cancellationToken);
    }
}
