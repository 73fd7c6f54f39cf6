using Microsoft.Azure.Functions.Worker;
using PartnerIntake.Shared.Assignment;
using PartnerIntake.Shared.Intake;

namespace PartnerIntake.Functions.Assignment;

/// <summary>InquiryTrail (GET /api/inquiries/{reference}/trail, function key): every assignment of an inquiry and its audit trail.</summary>
public sealed class InquiryTrailFunction(IAssignmentStore assignments, IAuditTrail audit, IInquiryStore inquiries)
{
    [Function("InquiryTrail")]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "inquiries/{reference}/trail")] HttpRequest request, string reference,
        CancellationToken cancellationToken)
    {
        var progress = InquiryReference.IsWellFormed(reference) ? await inquiries.GetProgressAsync(reference, cancellationToken) : null;
        if (progress is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such inquiry");
        }

        return TypedResults.Ok(new
        {
            reference,
            status = progress.Status,
            assignments = await assignments.ListAsync(reference, cancellationToken),
            trail = await audit.ListAsync(reference, cancellationToken),
        });
    }
}
