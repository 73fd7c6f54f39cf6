using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using PartnerIntake.Functions.Hosting;
using PartnerIntake.Shared.Common;
using PartnerIntake.Shared.Privacy;

namespace PartnerIntake.Functions.Privacy;

/// <summary>The answer of an erasure: what was erased, per kind of record.</summary>
public sealed record ErasureResponse(IReadOnlyDictionary<string, int> Erased);

/// <summary>
/// PrivacyErasure (POST /api/privacy/erasure) and PrivacyExport (POST /api/privacy/export), function key: a person's
/// erasure and access requests, body <c>{"email":"…"}</c>. The actor recorded in the operator audit is "api".
/// </summary>
public sealed class PrivacyFunctions(PersonalDataEraser eraser)
{
    private const int MaxBodyBytes = 4 * 1024;

    [Function("PrivacyErasure")]
    public async Task<IResult> EraseAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "privacy/erasure")] HttpRequest request, CancellationToken cancellationToken)
    {
        var (email, problem) = await ReadEmailAsync(request, cancellationToken);
        return problem ?? TypedResults.Ok(new ErasureResponse((await eraser.ErasePersonAsync(email!, "api", cancellationToken)).Erased));
    }

    [Function("PrivacyExport")]
    public async Task<IResult> ExportAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "privacy/export")] HttpRequest request, CancellationToken cancellationToken)
    {
        var (email, problem) = await ReadEmailAsync(request, cancellationToken);
        return problem ?? TypedResults.Json(await eraser.ExportAsync(email!, "api", cancellationToken), Json.Options);
    }

    private static async Task<(string? Email, IResult? Problem)> ReadEmailAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send {\"email\": \"…\"} as application/json."));
        }

        var body = await BoundedBody.ReadAsync(request, MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Privacy request too large", detail: $"The body may be at most {MaxBodyBytes} bytes."));
        }

        if (!BoundedBody.IsUtf8(body))
        {
            return (null, BoundedBody.NotUtf8("privacy request"));
        }

        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 4 });
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("email", out var value)
                && value.ValueKind == JsonValueKind.String
                && value.GetString()!.Trim() is { Length: > 0 and <= 254 } email
                && FieldRules.IsEmail(email))
            {
                return (email, null);
            }
        }
        catch (JsonException)
        {
            // Answered below, as any other body without an address.
        }

        return (null, TypedResults.ValidationProblem(
            new Dictionary<string, string[]> { ["email"] = ["Give the person's e-mail address: {\"email\": \"name@example.org\"}."] },
            title: "The privacy request needs an e-mail address"));
    }
}
