using PartnerIntake.Shared.Hosting;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using PartnerIntake.Functions.Hosting;
using PartnerIntake.Functions.Intake;
using PartnerIntake.Shared.Routing;

namespace PartnerIntake.Functions.Routing;

/// <summary>A candidate table set: the three CSV files' text.</summary>
public sealed record CandidateTables(string? Entities, string? Regions, string? Topics);

/// <summary>
/// Operators' routing endpoints, all behind a function key (the admin key locally): RoutingExplain, RoutingDryRun,
/// RoutingImport and RoutingTables. Candidate sets come as JSON {entities, regions, topics} (CSV text) or as a
/// multipart form with files named entities, regions and topics.
/// </summary>
public sealed class RoutingFunctions(RoutingAdministration routing, IOptions<UploadOptions> uploads)
{

    [Function("RoutingExplain")]
    public async Task<IResult> ExplainAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "routing/explain")] HttpRequest request, CancellationToken cancellationToken)
    {
        var (inquiry, problem) = await InquiryRequest.ReadAsync(request, cancellationToken);
        return problem ?? TypedResults.Ok(await routing.ExplainAsync(inquiry!, cancellationToken));
    }

    [Function("RoutingDryRun")]
    public async Task<IResult> DryRunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "routing/dry-run")] HttpRequest request, CancellationToken cancellationToken)
    {
        var (tables, problem) = await ReadCandidateAsync(request, cancellationToken);
        return problem ?? TypedResults.Ok(await routing.DryRunAsync(tables!, cancellationToken));
    }

    [Function("RoutingImport")]
    public async Task<IResult> ImportAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "routing/import")] HttpRequest request, CancellationToken cancellationToken)
    {
        var (tables, problem) = await ReadCandidateAsync(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        // The function key names no person: the history says the API did it.
        var result = await routing.ImportAsync(tables!, "api", cancellationToken);
        return result.WasAlreadyLive ? TypedResults.Ok(result) : TypedResults.Created((string?)null, result);
    }

    [Function("RoutingTables")]
    public async Task<Ok<TablesSummary>> SummaryAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "routing/tables")] HttpRequest request, CancellationToken cancellationToken) =>
        TypedResults.Ok(await routing.SummaryAsync(cancellationToken));

    private async Task<(RoutingTables? Tables, IResult? Problem)> ReadCandidateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        CandidateTables? candidate;
        var limit = uploads.Value.MaxBytes;
        if (request.HasFormContentType)
        {
            var form = await BoundedBody.ReadFormAsync(request, limit, cancellationToken);
            if (form is null)
            {
                return (null, BoundedBody.TooLarge("Table set", limit));
            }

            candidate = new CandidateTables(await FileText(form, "entities"), await FileText(form, "regions"), await FileText(form, "topics"));
        }
        else if (request.HasJsonContentType())
        {
            var body = await BoundedBody.ReadAsync(request, limit, cancellationToken);
            if (body is null)
            {
                return (null, BoundedBody.TooLarge("Table set", limit));
            }

            if (!BoundedBody.IsUtf8(body))
            {
                return (null, BoundedBody.NotUtf8("table set"));
            }

            try
            {
                candidate = JsonSerializer.Deserialize<CandidateTables>(body, Shared.Common.Json.Options);
            }
            catch (JsonException)
            {
                candidate = null;
            }
        }
        else
        {
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported media type", detail: "Send JSON {entities, regions, topics} or a multipart form with those three files."));
        }

        var missing = new Dictionary<string, string[]>();
        foreach (var (name, text) in new[] { ("entities", candidate?.Entities), ("regions", candidate?.Regions), ("topics", candidate?.Topics) })
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                missing[name] = [$"Is required: the text of {name}.csv."];
            }
        }

        if (missing.Count > 0)
        {
            return (null, TypedResults.ValidationProblem(missing, title: "The table set is incomplete"));
        }

        var validation = new RoutingTablesCsv(candidate!.Entities!, candidate.Regions!, candidate.Topics!).Validate();
        if (!validation.IsValid)
        {
            var errors = validation.Errors
                .GroupBy(e => e.File)
                .ToDictionary(g => g.Key, g => g.Select(e => e.ToString()).ToArray());
            return (null, TypedResults.ValidationProblem(errors, title: "The routing tables are invalid; nothing was changed"));
        }

        return (validation.Tables, null);
    }

    private static async Task<string?> FileText(IFormCollection form, string name)
    {
        var file = form.Files.GetFile(name) ?? form.Files.GetFile(name + ".csv");
        if (file is null)
        {
            return form.TryGetValue(name, out var value) ? value.ToString() : null;
        }

        using var reader = new StreamReader(file.OpenReadStream());
        return await reader.ReadToEndAsync();
    }
}
