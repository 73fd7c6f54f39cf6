using Microsoft.Azure.Functions.Worker;

namespace PartnerIntake.Functions.OpenApi;

/// <summary>
/// OpenApiDocument (GET /api/openapi.json, anonymous): the OpenAPI 3.1 document of the JSON API. It is kept by hand in
/// OpenApi/openapi.json and embedded in this assembly; tests check it against functions.metadata and the app's responses.
/// </summary>
public sealed class OpenApiDocumentFunction
{
    public const string ResourceName = "PartnerIntake.Functions.OpenApi.openapi.json";

    private static readonly Lazy<byte[]> Document = new(Load);

    [Function("OpenApiDocument")]
    public IResult Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi.json")] HttpRequest request) =>
        TypedResults.Bytes(Document.Value, "application/json");

    /// <summary>The embedded document's bytes (UTF-8 JSON).</summary>
    public static byte[] Load()
    {
        using var stream = typeof(OpenApiDocumentFunction).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The assembly has no resource {ResourceName}.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
