using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using PartnerIntake.Functions.LocalHost;
using PartnerIntake.Functions.OpenApi;
using PartnerIntake.Shared.Hosting;

namespace PartnerIntake.UnitTests.OpenApi;

/// <summary>
/// The hand-kept OpenAPI document (functions/PartnerIntake.Functions/OpenApi/openapi.json, embedded and served at
/// GET /api/openapi.json) against the build's functions.metadata: every HTTP function is in it with its methods, and
/// nothing else is.
/// </summary>
public class OpenApiDocumentTests
{
    private static readonly string[] HttpMethods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    private static readonly string OutputDir = Path.GetDirectoryName(typeof(LocalFunctionsHost).Assembly.Location)!;

    private static readonly JsonObject Document = JsonNode.Parse(OpenApiDocumentFunction.Load())!.AsObject();

    [Fact]
    public void Document_Embedded_ParsesAsOpenApi31WithJsonSchema202012()
    {
        Document["openapi"]!.GetValue<string>().ShouldStartWith("3.1.");
        Document["jsonSchemaDialect"]!.GetValue<string>().ShouldBe("https://json-schema.org/draft/2020-12/schema");
        Document["info"]!["title"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        Document["info"]!["version"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        Document["paths"]!.AsObject().Count.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Paths_EveryHttpFunctionInTheMetadata_DocumentedWithEachOfItsMethods()
    {
        var functions = HttpFunctions();
        functions.Count.ShouldBeGreaterThanOrEqualTo(16);
        functions.ShouldContain(f => f.Name == "OpenApiDocument" && f.Path == "/api/openapi.json");

        var missing = new List<string>();
        foreach (var function in functions)
        {
            var item = Paths()[function.Path]?.AsObject();
            foreach (var method in function.Methods)
            {
                var operation = item?[method]?.AsObject();
                if (operation is null)
                {
                    missing.Add($"{function.Name}: {method.ToUpperInvariant()} {function.Path}");
                }
                else if (operation["operationId"]?.GetValue<string>() != function.Name)
                {
                    missing.Add($"{function.Name}: {method.ToUpperInvariant()} {function.Path} has operationId {operation["operationId"]}");
                }
            }
        }

        missing.ShouldBeEmpty();
    }

    [Fact]
    public void Paths_EveryDocumentedOperation_ServedByAnHttpFunction()
    {
        var served = HttpFunctions().SelectMany(f => f.Methods.Select(m => (f.Path, Method: m))).ToHashSet();

        var documented = Paths()
            .SelectMany(p => p.Value!.AsObject().Where(o => HttpMethods.Contains(o.Key)).Select(o => (Path: p.Key, Method: o.Key)))
            .ToList();

        documented.Where(d => !served.Contains(d)).Select(d => $"{d.Method.ToUpperInvariant()} {d.Path}").ShouldBeEmpty();
        Paths().Where(p => !p.Value!.AsObject().Any(o => HttpMethods.Contains(o.Key))).Select(p => p.Key).ShouldBeEmpty();
    }

    [Fact]
    public void Security_FunctionLevelFunctions_NeedTheFunctionKeyAndAnonymousOnesNothing()
    {
        var schemes = Document["components"]!["securitySchemes"]!;
        (schemes["functionKey"]!["type"]!.GetValue<string>(), schemes["functionKey"]!["in"]!.GetValue<string>(), schemes["functionKey"]!["name"]!.GetValue<string>())
            .ShouldBe(("apiKey", "header", "x-functions-key"));
        (schemes["functionKeyQuery"]!["type"]!.GetValue<string>(), schemes["functionKeyQuery"]!["in"]!.GetValue<string>(), schemes["functionKeyQuery"]!["name"]!.GetValue<string>())
            .ShouldBe(("apiKey", "query", "code"));
        Document["security"].ShouldBeNull(); // per operation only: the anonymous ones stay anonymous

        foreach (var function in HttpFunctions())
        {
            foreach (var method in function.Methods)
            {
                var security = Paths()[function.Path]![method]!["security"]?.AsArray();
                var requirements = security?.Select(r => string.Join('+', r!.AsObject().Select(s => s.Key))).ToList() ?? [];
                if (function.NeedsKey)
                {
                    requirements.ShouldBe(["functionKey", "functionKeyQuery"], ignoreOrder: true, customMessage: $"{function.Name} needs a function key");
                }
                else
                {
                    requirements.ShouldBeEmpty($"{function.Name} is anonymous");
                }
            }
        }
    }

    [Fact]
    public void Refs_EveryReference_ResolvesWithinTheDocument()
    {
        var refs = new List<string>();
        Collect(Document, refs);

        refs.Count.ShouldBeGreaterThan(0);
        refs.Where(r => !r.StartsWith("#/", StringComparison.Ordinal) || Resolve(r) is null).ShouldBeEmpty();
    }

    [Fact]
    public void Get_ServesTheDocumentInTheRepository_AsJson()
    {
        var result = new OpenApiDocumentFunction().Get(null!).ShouldBeOfType<FileContentHttpResult>();

        result.ContentType.ShouldBe("application/json");
        var inRepository = File.ReadAllBytes(Path.Combine(RepositoryRoot(), "functions", "PartnerIntake.Functions", "OpenApi", "openapi.json"));
        result.FileContents.ToArray().ShouldBe(inRepository);
    }

    private static JsonObject Paths() => Document["paths"]!.AsObject();

    private sealed record HttpFunction(string Name, string Path, IReadOnlyList<string> Methods, bool NeedsKey);

    /// <summary>The HTTP functions of the build's functions.metadata, each at /{routePrefix}/{route} as the host serves it.</summary>
    private static List<HttpFunction> HttpFunctions()
    {
        var prefix = HostSettings.ReadRoutePrefix(Path.Combine(OutputDir, "host.json"));
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(OutputDir, "functions.metadata")));
        var functions = new List<HttpFunction>();
        foreach (var function in metadata.RootElement.EnumerateArray())
        {
            var trigger = function.GetProperty("bindings").EnumerateArray().First(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
            if (trigger.GetProperty("type").GetString() != "httpTrigger")
            {
                continue;
            }

            var name = function.GetProperty("name").GetString()!;
            var route = trigger.TryGetProperty("route", out var r) && r.GetString() is { Length: > 0 } given ? given : name;
            var path = "/" + string.Join('/', new[] { prefix, route.Trim('/') }.Where(s => s.Length > 0));
            var methods = trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToLowerInvariant()).ToList();
            var level = trigger.TryGetProperty("authLevel", out var a) ? a.GetString() : "Function";
            functions.Add(new HttpFunction(name, path, methods, !string.Equals(level, "Anonymous", StringComparison.OrdinalIgnoreCase)));
        }

        return functions;
    }

    private static void Collect(JsonNode? node, List<string> refs)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (key == "$ref" && value is JsonValue v && v.TryGetValue<string>(out var target))
                    {
                        refs.Add(target);
                    }
                    else
                    {
                        Collect(value, refs);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Collect(item, refs);
                }

                break;
        }
    }

    private static JsonNode? Resolve(string reference)
    {
        JsonNode? node = Document;
        foreach (var token in reference[2..].Split('/').Select(t => Uri.UnescapeDataString(t).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)))
        {
            node = node is JsonObject obj && obj.TryGetPropertyValue(token, out var child) ? child : null;
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PartnerIntake.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (PartnerIntake.sln).");
    }
}
