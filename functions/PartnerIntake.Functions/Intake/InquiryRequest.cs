using System.Text.Json;
using PartnerIntake.Functions.Hosting;
using PartnerIntake.Shared.Intake;

namespace PartnerIntake.Functions.Intake;

/// <summary>Reads and validates an inquiry body the same way for every endpoint that takes one.</summary>
public static class InquiryRequest
{
    /// <returns>The inquiry, or the problem to answer (415, 413 or 400 with errors per field).</returns>
    public static async Task<(InquirySubmission? Inquiry, IResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ApiLanguage.Apply(request);
        if (!request.HasJsonContentType())
        {
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported media type", detail: "Send the inquiry as application/json."));
        }

        var body = await BoundedBody.ReadAsync(request, InquiryContract.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "Inquiry too large", detail: $"The body may be at most {InquiryContract.MaxBodyBytes / 1024} KiB."));
        }

        if (!BoundedBody.IsUtf8(body))
        {
            return (null, BoundedBody.NotUtf8("inquiry"));
        }

        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });
            var validated = InquiryValidator.Validate(document.RootElement);
            return validated.IsValid
                ? (validated.Value, null)
                : (null, TypedResults.ValidationProblem(validated.Errors.ToDictionary(), title: "The inquiry has invalid fields"));
        }
        catch (JsonException)
        {
            return (null, TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["$"] = ["The body is not valid JSON (UTF-8)."] },
                title: "The inquiry is not valid JSON"));
        }
    }
}
