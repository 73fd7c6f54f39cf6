using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using PartnerIntake.Shared.Common;
using PartnerIntake.Shared.Intake;

namespace PartnerIntake.Functions.Intake;

public sealed record SubmitInquiryResponse(string Reference, string Status, string StatusUrl);

public sealed record AssigneeView(string Name, string Kind);

/// <summary>What a partner may see about an inquiry: progress, never the contact's personal data.</summary>
public sealed record InquiryStatusResponse(
    string Reference,
    string Status,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? RoutedAt,
    DateTimeOffset? FailedAt,
    AssigneeView? Assignee,
    string? Explanation,
    string StatusUrl);

/// <summary>SubmitInquiry (POST /api/inquiries) and GetInquiryStatus (GET /api/inquiries/{reference}).</summary>
public sealed class IntakeFunctions(SubmitInquiry submit, IInquiryStore store, IOptions<AppOptions> app, TimeProvider time)
{
    [Function("SubmitInquiry")]
    public async Task<IResult> SubmitAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "inquiries")] HttpRequest request, CancellationToken cancellationToken)
    {
        var key = request.Headers["Idempotency-Key"].ToString();
        if (key.Length > IdempotencyClaim.MaxKeyLength || key.Any(char.IsControl))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["Idempotency-Key"] = [$"Must be at most {IdempotencyClaim.MaxKeyLength} printable characters."] });
        }

        var (inquiry, problem) = await InquiryRequest.ReadAsync(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var client = ClientAddress.Key(request.HttpContext.Connection.RemoteIpAddress, request.Headers["X-Forwarded-For"].ToString());
        return await submit.SubmitAsync(inquiry!, key.Length == 0 ? null : key, client, cancellationToken) switch
        {
            SubmitOutcome.Accepted accepted => TypedResults.Accepted(
                app.Value.StatusUrl(accepted.Reference),
                new SubmitInquiryResponse(accepted.Reference, InquiryStatus.Received, app.Value.StatusUrl(accepted.Reference))),
            SubmitOutcome.KeyReused => TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "Idempotency-Key reused", detail: "This Idempotency-Key was used for a different inquiry. Use a new key for a new inquiry."),
            SubmitOutcome.Limited limited => TooMany(request.HttpContext, limited.RetryAt - time.GetUtcNow()),
            _ => Unavailable(request.HttpContext),
        };
    }

    [Function("GetInquiryStatus")]
    public async Task<Results<Ok<InquiryStatusResponse>, ProblemHttpResult>> GetStatusAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "inquiries/{reference}")] HttpRequest request, string reference,
        CancellationToken cancellationToken)
    {
        var progress = InquiryReference.IsWellFormed(reference)
            ? await store.GetProgressAsync(reference, cancellationToken)
            : null;
        if (progress is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound,
                title: "No such inquiry", detail: "Check the reference in your acknowledgement e-mail (PI-XXXX-XXXX-XXXX-XXXX).");
        }

        return TypedResults.Ok(new InquiryStatusResponse(
            progress.Reference,
            progress.Status,
            progress.ReceivedAt,
            progress.RoutedAt,
            progress.FailedAt,
            progress.Assignee is { } a ? new AssigneeView(a.Name, a.Kind) : null,
            progress.PublicExplanation,
            app.Value.StatusUrl(progress.Reference)));
    }

    private static ProblemHttpResult TooMany(HttpContext context, TimeSpan wait)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many inquiries", detail: $"Too many inquiries from your address. Your inquiry was not stored; send it again in {seconds} seconds.");
    }

    private static ProblemHttpResult Unavailable(HttpContext context)
    {
        context.Response.Headers.RetryAfter = "5";
        return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Temporarily unavailable", detail: "Your inquiry was not stored. Please send it again in a few seconds.");
    }
}
