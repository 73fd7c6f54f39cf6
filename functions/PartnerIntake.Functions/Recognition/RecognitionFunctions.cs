using PartnerIntake.Shared.Hosting;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using PartnerIntake.Functions.Hosting;
using PartnerIntake.Shared.Assignment;
using PartnerIntake.Shared.Recognition;

namespace PartnerIntake.Functions.Recognition;

/// <summary>
/// RecordDonation, ImportDonations, GetDonation, RecognitionPreview and ImportImpactMetrics (function key): thin
/// adapters over the recognition feature. The unsubscribe page is the web app's.
/// </summary>
public sealed class RecognitionFunctions(
    Shared.Recognition.Recognition recognition, IDonationStore donations, INoticeStore notices, IImportedImpactStore impact, TimeProvider time,
    IOptions<UploadOptions> uploads)
{
    private const int MaxJsonBytes = 64 * 1024;

    [Function("RecordDonation")]
    public async Task<IResult> RecordAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "donations")] HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send the donation as application/json.");
        }

        var body = await BoundedBody.ReadAsync(request, MaxJsonBytes, cancellationToken);
        if (body is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Donation too large");
        }

        if (!BoundedBody.IsUtf8(body))
        {
            return BoundedBody.NotUtf8("donation");
        }

        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 8 });
            var validated = DonationValidator.Validate(document.RootElement, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
            if (!validated.IsValid)
            {
                return TypedResults.ValidationProblem(validated.Errors.ToDictionary(), title: "The donation has invalid fields");
            }

            var donation = await recognition.RecordAsync(validated.Value!, cancellationToken);
            return TypedResults.Created($"/api/donations/{donation.Id}", new { id = donation.Id });
        }
        catch (JsonException)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["$"] = ["The body is not valid JSON (UTF-8)."] });
        }
    }

    [Function("ImportDonations")]
    public async Task<IResult> ImportAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "donations/import")] HttpRequest request, CancellationToken cancellationToken)
    {
        var text = await CsvTextAsync(request, "donations", cancellationToken);
        if (text.Problem is not null)
        {
            return text.Problem;
        }

        var (donations, errors) = DonationCsv.Parse(text.Csv!, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        if (errors.Count > 0)
        {
            return LineErrors(errors, "The CSV has invalid rows; nothing was stored");
        }

        var ids = new List<string>();
        foreach (var donation in donations)
        {
            ids.Add((await recognition.RecordAsync(donation, cancellationToken)).Id);
        }

        return TypedResults.Created((string?)null, new { count = ids.Count, ids });
    }

    [Function("GetDonation")]
    public async Task<IResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "donations/{id}")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var donation = id.Length <= 40 ? await donations.GetAsync(id, cancellationToken) : null;
        if (donation is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such donation");
        }

        return TypedResults.Ok(new
        {
            donation.Id,
            donation.Submission,
            donation.RecordedAt,
            donation.Unsubscribed,
            bounced = donation.BouncedAt is not null,
            donation.BouncedAt,
            donation.BounceEvent,
            notices = (await notices.ForDonationAsync(id, cancellationToken)).Select(n => new { n.Kind, n.Sequence, n.DueAt, n.PeriodStart, n.PeriodEnd, n.Status }),
        });
    }

    [Function("RecognitionPreview")]
    public async Task<IResult> PreviewAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "recognition/preview")] HttpRequest request, CancellationToken cancellationToken)
    {
        string? kind = request.Query["kind"], lang = request.Query["lang"], donationId = request.Query["donationId"];
        var errors = new Dictionary<string, string[]>();
        if (kind is null || !RecognitionKinds.All.Contains(kind))
        {
            errors["kind"] = [$"Must be one of: {string.Join(", ", RecognitionKinds.All)}."];
        }

        if (string.IsNullOrWhiteSpace(donationId))
        {
            errors["donationId"] = ["Is required."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var rendered = await recognition.PreviewAsync(kind!, string.IsNullOrWhiteSpace(lang) ? "en" : lang, donationId!, cancellationToken);
        return rendered is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such donation")
            : TypedResults.Ok(rendered);
    }

    [Function("ImportImpactMetrics")]
    public async Task<IResult> ImportMetricsAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "recognition/metrics")] HttpRequest request, CancellationToken cancellationToken)
    {
        var text = await CsvTextAsync(request, "metrics", cancellationToken);
        if (text.Problem is not null)
        {
            return text.Problem;
        }

        var (rows, errors) = ImpactCsv.Parse(text.Csv!);
        if (errors.Count > 0)
        {
            return LineErrors(errors, "The CSV has invalid rows; nothing was stored");
        }

        await impact.SaveAsync(rows, cancellationToken);
        return TypedResults.Created((string?)null, new { rows = rows.Count });
    }

    private async Task<(string? Csv, IResult? Problem)> CsvTextAsync(HttpRequest request, string field, CancellationToken cancellationToken)
    {
        var limit = uploads.Value.MaxBytes;
        if (request.HasFormContentType)
        {
            var form = await BoundedBody.ReadFormAsync(request, limit, cancellationToken);
            if (form is null)
            {
                return (null, BoundedBody.TooLarge("CSV", limit));
            }

            var file = form.Files.GetFile(field) ?? form.Files.FirstOrDefault();
            if (file is null)
            {
                return (null, TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = ["Attach one CSV file."] }));
            }

            using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8);
            return (await reader.ReadToEndAsync(cancellationToken), null);
        }

        if (request.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) != true)
        {
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send text/csv or a multipart form with the CSV file."));
        }

        var body = await BoundedBody.ReadAsync(request, limit, cancellationToken);
        return body is null
            ? (null, BoundedBody.TooLarge("CSV", limit))
            : !BoundedBody.IsUtf8(body)
                ? (null, TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["$"] = ["The CSV is not UTF-8."] }, title: "The CSV is not UTF-8"))
                : (Encoding.UTF8.GetString(body), null);
    }

    private static IResult LineErrors(IReadOnlyList<CsvRowError> errors, string title) =>
        TypedResults.ValidationProblem(
            errors.GroupBy(e => e.Line == 0 ? e.Field : $"line {e.Line}: {e.Field}")
                .ToDictionary(g => g.Key, g => g.Select(e => e.Reason).ToArray()),
            title: title);


}
