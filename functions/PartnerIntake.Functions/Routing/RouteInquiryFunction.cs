using System.Text.Json;
using PartnerIntake.Functions.Hosting;
using PartnerIntake.Shared.Common;
using PartnerIntake.Shared.Intake;

namespace PartnerIntake.Functions.Routing;

/// <summary>RouteInquiry: queueTrigger on "inquiries". Binds {"inquiryId": ...} and hands it to the routing feature.</summary>
public sealed class RouteInquiryFunction(Shared.Routing.RouteInquiry routing) : IQueueFunction
{
    public string Name => "RouteInquiry";

    public async Task InvokeAsync(QueueMessageInput input, CancellationToken cancellationToken)
    {
        var message = JsonSerializer.Deserialize<InquiryQueued>(input.Text, Json.Options);
        if (message?.InquiryId is not { Length: > 0 } id || !InquiryReference.IsWellFormed(id))
        {
            throw new FormatException("The message is not {\"inquiryId\": \"PI-…\"}.");
        }

        await routing.RouteAsync(id, input.DequeueCount, input.MaxDequeueCount, cancellationToken);
    }
}
