namespace PartnerIntake.Functions.Hosting;

public static class BoundedBody
{
    /// <summary>
    /// Reads at most <paramref name="limit"/> bytes; null when the body is larger (whatever Content-Length claims).
    /// Never reads more than limit + 1 bytes: a larger body is refused before the rest of it arrives.
    /// </summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit + 1L - buffer.Length)), cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// A multipart (or URL-encoded) form of at most <paramref name="limit"/> bytes, read as <see cref="ReadAsync"/> reads
    /// a body; null when it is larger. The form parser only ever sees those bytes.
    /// </summary>
    public static async Task<IFormCollection?> ReadFormAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        var body = await ReadAsync(request, limit, cancellationToken);
        if (body is null)
        {
            return null;
        }

        request.Body = new MemoryStream(body, writable: false);
        return await request.ReadFormAsync(cancellationToken);
    }

    public static IResult TooLarge(string what, int limit) =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: $"{what} too large",
            detail: $"The request body may be at most {limit} bytes (Uploads:MaxBytes); nothing was read past that or changed.");

    /// <summary>
    /// JSON must be UTF-8 (RFC 8259): a body that is not is refused up front, so no parser meets bytes it can only
    /// fail on later (System.Text.Json reads them lazily and throws when a string is first read).
    /// </summary>
    public static bool IsUtf8(byte[] body) => System.Text.Unicode.Utf8.IsValid(body);

    public static IResult NotUtf8(string what) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["$"] = ["The body is not valid UTF-8."] }, title: $"The {what} is not valid JSON");
}
