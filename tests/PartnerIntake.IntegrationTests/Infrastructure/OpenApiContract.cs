using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Pointer;
using Json.Schema;

namespace PartnerIntake.IntegrationTests.Infrastructure;

/// <summary>
/// The app's OpenAPI document, as it serves it (GET /api/openapi.json), used to check real responses: the operation and
/// status must be documented, the content type must be one the document lists for it, its required headers must be
/// there, and a JSON body must validate (JsonSchema.Net, draft 2020-12) against the schema the document gives for it.
/// The whole document is registered as a base document, so its <c>#/components/...</c> references resolve.
/// </summary>
public sealed class OpenApiContract
{
    private static readonly Uri DocumentUri = new("https://partnerintake.test/api/openapi.json");

    private readonly JsonDocument document;
    private readonly BuildOptions build;

    private OpenApiContract(JsonDocument document)
    {
        this.document = document;
        var registry = new SchemaRegistry();
        registry.Register(DocumentUri, new JsonElementBaseDocument(document.RootElement, DocumentUri));
        build = new BuildOptions { SchemaRegistry = registry };
    }

    public JsonElement Root => document.RootElement;

    public static async Task<OpenApiContract> LoadAsync(HttpClient http)
    {
        using var response = await http.GetAsync("/api/openapi.json");
        response.EnsureSuccessStatusCode();
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/json");
        return new OpenApiContract(JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync()));
    }

    /// <summary>Fails unless the response is what the document says <paramref name="method"/> <paramref name="path"/> answers.</summary>
    /// <returns>The body, parsed (default when it is not JSON).</returns>
    public async Task<JsonElement> ShouldMatchAsync(HttpResponseMessage response, string method, string path)
    {
        var body = await response.Content.ReadAsStringAsync();
        var problems = Check(method, path, (int)response.StatusCode, response.Content.Headers.ContentType, AllHeaders(response), body);
        problems.ShouldBeEmpty($"{method.ToUpperInvariant()} {path} answered {(int)response.StatusCode} {response.Content.Headers.ContentType}: {body}");
        return IsJson(response.Content.Headers.ContentType?.MediaType) ? JsonDocument.Parse(body).RootElement.Clone() : default;
    }

    /// <summary>Everything in the answer that the document does not allow; empty when it matches.</summary>
    public IReadOnlyList<string> Check(string method, string path, int status, MediaTypeHeaderValue? contentType, IReadOnlySet<string> headers, string body)
    {
        var pointer = $"/paths/{Escape(path)}/{method.ToLowerInvariant()}";
        if (Find(pointer) is not { ValueKind: JsonValueKind.Object } operation)
        {
            return [$"the document has no operation {method.ToUpperInvariant()} {path}"];
        }

        var responses = operation.GetProperty("responses");
        var code = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var key = responses.TryGetProperty(code, out _) ? code
            : responses.TryGetProperty($"{code[0]}XX", out _) ? $"{code[0]}XX"
            : responses.TryGetProperty("default", out _) ? "default"
            : null;
        if (key is null)
        {
            return [$"status {status} is not documented"];
        }

        var (responsePointer, documented) = Dereference($"{pointer}/responses/{key}");
        var problems = new List<string>();
        if (documented.TryGetProperty("headers", out var documentedHeaders))
        {
            foreach (var header in documentedHeaders.EnumerateObject())
            {
                var (_, definition) = Dereference($"{responsePointer}/headers/{Escape(header.Name)}");
                if (definition.TryGetProperty("required", out var required) && required.GetBoolean() && !headers.Contains(header.Name))
                {
                    problems.Add($"required header {header.Name} is missing");
                }
            }
        }

        if (!documented.TryGetProperty("content", out var content))
        {
            if (body.Length > 0)
            {
                problems.Add("the document gives no body for this response");
            }

            return problems;
        }

        var mediaType = contentType?.MediaType;
        if (mediaType is null || !content.TryGetProperty(mediaType, out var media))
        {
            problems.Add($"content type {mediaType ?? "(none)"} is not one of {string.Join(", ", content.EnumerateObject().Select(p => p.Name))}");
            return problems;
        }

        if (media.TryGetProperty("schema", out _) && IsJson(mediaType))
        {
            problems.AddRange(Validate($"{responsePointer}/content/{Escape(mediaType)}/schema", body));
        }

        return problems;
    }

    /// <summary>Validates <paramref name="json"/> against the schema at <paramref name="schemaPointer"/> in the document.</summary>
    public IReadOnlyList<string> Validate(string schemaPointer, string json)
    {
        JsonElement instance;
        try
        {
            instance = JsonDocument.Parse(json).RootElement;
        }
        catch (JsonException ex)
        {
            return [$"the body is not JSON: {ex.Message}"];
        }

        var wrapper = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            // A JSON pointer in a URI fragment is percent-encoded (RFC 6901, section 6): application~1problem+json has a '+'.
            ["$ref"] = $"{DocumentUri}#{string.Join('/', schemaPointer.Split('/').Select(Uri.EscapeDataString))}",
        };
        var schema = JsonSchema.Build(JsonDocument.Parse(wrapper.ToJsonString()).RootElement, build);
        var results = schema.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        if (results.IsValid)
        {
            return [];
        }

        var errors = (results.Details ?? []).Prepend(results)
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.SchemaLocation}): {e.Key} {e.Value}"))
            .Distinct()
            .ToList();
        return errors.Count > 0 ? errors : ["the body does not match the schema"];
    }

    /// <summary>Follows a response or header object's <c>$ref</c> (into #/components/...) once.</summary>
    private (string Pointer, JsonElement Value) Dereference(string pointer)
    {
        var value = Find(pointer) ?? throw new InvalidOperationException($"Nothing at {pointer} in the document.");
        if (value.TryGetProperty("$ref", out var target) && target.GetString() is ['#', .. var local])
        {
            return (local, Find(local) ?? throw new InvalidOperationException($"{pointer} refers to {local}, which is not in the document."));
        }

        return (pointer, value);
    }

    private JsonElement? Find(string pointer) => JsonPointer.Parse(pointer).Evaluate(document.RootElement);

    private static string Escape(string token) => token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static bool IsJson(string? mediaType) => mediaType is not null && (mediaType == "application/json" || mediaType.EndsWith("+json", StringComparison.Ordinal));

    private static HashSet<string> AllHeaders(HttpResponseMessage response) =>
        response.Headers.Concat(response.Content.Headers).Select(h => h.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
}
