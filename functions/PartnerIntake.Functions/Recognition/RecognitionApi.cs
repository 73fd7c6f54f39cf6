using PartnerIntake.Shared.Hosting;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PartnerIntake.Functions.Hosting;
using PartnerIntake.Shared.Assignment;
using PartnerIntake.Shared.Recognition;

namespace PartnerIntake.Functions.Recognition;

/// <summary>
/// RecordDonation, ImportDonations, GetDonation, RecognitionPreview, ImportImpactMetrics (admin key) and
/// Unsubscribe (signed link, public): thin adapters over the recognition feature.
/// </summary>
public static class RecognitionApi
{
    private const int MaxJsonBytes = 64 * 1024;
    private const int MaxCsvBytes = 4 * 1024 * 1024;

    public static IEndpointRouteBuilder MapRecognitionApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api").AddEndpointFilter<AdminKeyFilter>();
        admin.MapPost("/donations", RecordAsync).WithName("RecordDonation");
        admin.MapPost("/donations/import", ImportAsync).WithName("ImportDonations");
        admin.MapGet("/donations/{id}", GetAsync).WithName("GetDonation");
        admin.MapGet("/recognition/preview", PreviewAsync).WithName("RecognitionPreview");
        admin.MapPost("/recognition/metrics", ImportMetricsAsync).WithName("ImportImpactMetrics");
        app.MapGet("/api/recognition/unsubscribe/{token}", UnsubscribePageAsync).WithName("UnsubscribePage");
        app.MapPost("/api/recognition/unsubscribe/{token}", UnsubscribeAsync).WithName("Unsubscribe").DisableAntiforgery();
        return app;
    }

    public static async Task<IResult> RecordAsync(HttpRequest request, Shared.Recognition.Recognition recognition, TimeProvider time, CancellationToken cancellationToken)
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

    public static async Task<IResult> ImportAsync(HttpRequest request, Shared.Recognition.Recognition recognition, TimeProvider time, CancellationToken cancellationToken)
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

    public static async Task<IResult> GetAsync(string id, IDonationStore donations, INoticeStore notices, CancellationToken cancellationToken)
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

    public static async Task<IResult> PreviewAsync(
        string? kind, string? lang, string? donationId, Shared.Recognition.Recognition recognition, CancellationToken cancellationToken)
    {
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

    public static async Task<IResult> ImportMetricsAsync(HttpRequest request, IImportedImpactStore store, CancellationToken cancellationToken)
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

        await store.SaveAsync(rows, cancellationToken);
        return TypedResults.Created((string?)null, new { rows = rows.Count });
    }

    public static async Task<IResult> UnsubscribePageAsync(string token, ActionLinks links, IDonationStore donations, CancellationToken cancellationToken)
    {
        var donation = await DonationForAsync(token, links, donations, cancellationToken);
        if (donation is null)
        {
            return Page(400, "Link not valid", "<p>This unsubscribe link is not valid or has expired. Nothing was changed.</p>");
        }

        var name = Html(donation.Submission.Institution.Name);
        return donation.Unsubscribed
            ? Page(200, "Unsubscribed", $"<p>{name} no longer receives impact reports.</p>")
            : Page(200, "Stop impact reports", $"<p>Stop the periodic impact reports about the collection donated by {name}? Thank-you and attribution notices are not affected.</p><form method=\"post\"><p><button type=\"submit\">Stop impact reports</button></p></form>");
    }

    /// <summary>RFC 8058 one-click: a POST (mail clients send "List-Unsubscribe=One-Click") with no cookies; the URL's signed token is the credential.</summary>
    public static async Task<IResult> UnsubscribeAsync(string token, ActionLinks links, IDonationStore donations, TimeProvider time, CancellationToken cancellationToken)
    {
        var donation = await DonationForAsync(token, links, donations, cancellationToken);
        if (donation is null)
        {
            return Page(400, "Link not valid", "<p>This unsubscribe link is not valid or has expired. Nothing was changed.</p>");
        }

        if (!donation.Unsubscribed)
        {
            await donations.SetUnsubscribedAsync(donation.Id, time.GetUtcNow(), cancellationToken);
        }

        return Page(200, "Unsubscribed", $"<p>{Html(donation.Submission.Institution.Name)} will receive no further impact reports. Thank you again for your donation.</p>");
    }

    private static async Task<Donation?> DonationForAsync(string token, ActionLinks links, IDonationStore donations, CancellationToken cancellationToken)
    {
        var (check, claim) = links.Verify(token);
        return check == LinkCheck.Valid && claim!.Action == RecognitionMails.UnsubscribeAction
            ? await donations.GetAsync(claim.Reference, cancellationToken)
            : null;
    }

    private static async Task<(string? Csv, IResult? Problem)> CsvTextAsync(HttpRequest request, string field, CancellationToken cancellationToken)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            var file = form.Files.GetFile(field) ?? form.Files.FirstOrDefault();
            if (file is null || file.Length > MaxCsvBytes)
            {
                return (null, TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = ["Attach one CSV file of at most 4 MiB."] }));
            }

            using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8);
            return (await reader.ReadToEndAsync(cancellationToken), null);
        }

        if (request.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) != true)
        {
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send text/csv or a multipart form with the CSV file."));
        }

        var body = await BoundedBody.ReadAsync(request, MaxCsvBytes, cancellationToken);
        return body is null
            ? (null, TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "CSV too large"))
            : !BoundedBody.IsUtf8(body)
                ? (null, TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["$"] = ["The CSV is not UTF-8."] }, title: "The CSV is not UTF-8"))
                : (Encoding.UTF8.GetString(body), null);
    }

    private static IResult LineErrors(IReadOnlyList<CsvRowError> errors, string title) =>
        TypedResults.ValidationProblem(
            errors.GroupBy(e => e.Line == 0 ? e.Field : $"line {e.Line}: {e.Field}")
                .ToDictionary(g => g.Key, g => g.Select(e => e.Reason).ToArray()),
            title: title);

    private static IResult Page(int status, string title, string body) =>
        TypedResults.Content(
            $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"robots\" content=\"noindex\"><title>{Html(title)}</title></head><body><main><h1>{Html(title)}</h1>{body}</main></body></html>",
            "text/html; charset=utf-8", Encoding.UTF8, status);

    private static string Html(string value) => HtmlEncoder.Default.Encode(value);
}
